package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPackageTest {

    @TempDir
    Path dir;

    /** One tar entry: a 512-byte header (name, octal size, type) and its data padded to 512 bytes. */
    private static void entry(ByteArrayOutputStream tar, String name, char type, byte[] data) {
        byte[] header = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(n, 0, header, 0, n.length);
        byte[] size = String.format("%011o ", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, header, 124, size.length);
        header[156] = (byte) type;
        tar.writeBytes(header);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    private Path write(ByteArrayOutputStream tar) throws Exception {
        return Files.write(dir.resolve("p.lifeboat.tar"), tar.toByteArray());
    }

    private static byte[] manifest(String source) {
        String json = "{\"formatVersion\":1,\"source\":\"" + source + "\",\"scope\":\"full\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_source_is_read_from_the_manifest_entry() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "manifest.json", '0', manifest("edms"));
        assertEquals("edms", LocalPackage.source(write(tar)));
    }

    @Test
    void a_pax_header_in_front_of_the_manifest_is_skipped() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        byte[] pax = "30 mtime=1795000000.123456789\n".getBytes(StandardCharsets.UTF_8);
        entry(tar, "./PaxHeaders.X/manifest.json", 'x', pax);
        entry(tar, "manifest.json", '0', manifest("hms"));
        assertEquals("hms", LocalPackage.source(write(tar)));
    }

    @Test
    void a_file_that_is_not_a_package_has_no_source() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        entry(tar, "data/public.users.jsonl", '0', "[]".getBytes(StandardCharsets.UTF_8));
        assertNull(LocalPackage.source(write(tar)));
        assertNull(LocalPackage.source(Files.writeString(dir.resolve("notes.txt"), "hello")));
    }
}
