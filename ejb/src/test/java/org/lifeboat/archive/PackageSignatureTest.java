package org.lifeboat.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's signature over a package's manifest: only this key, only this manifest. */
class PackageSignatureTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];
    private static final byte[] MANIFEST = "{\"formatVersion\":1,\"source\":\"edms\"}".getBytes(StandardCharsets.UTF_8);

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
            OTHER_KEY[i] = (byte) (i + 1);
        }
    }

    @TempDir
    Path dir;

    @Test
    void a_signature_verifies_with_its_key_and_manifest_only() {
        byte[] signature = PackageSignature.create(KEY, MANIFEST);

        assertTrue(PackageSignature.verifies(KEY, MANIFEST, signature));
        assertFalse(PackageSignature.verifies(OTHER_KEY, MANIFEST, signature), "another server's key");
        byte[] changed = MANIFEST.clone();
        changed[changed.length - 3] = 'X';
        assertFalse(PackageSignature.verifies(KEY, changed, signature), "a manifest changed after signing");
        assertFalse(PackageSignature.verifies(KEY, MANIFEST, "garbage\n".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(PackageSignature.verifies(KEY, MANIFEST, new byte[0]));
    }

    @Test
    void the_sealer_writes_the_signature_as_the_second_entry_and_read_finds_it() throws Exception {
        Path part = Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE t (a int);\n");
        Path target = dir.resolve("p.lifeboat.tar");
        byte[] signature = PackageSignature.create(KEY, MANIFEST);
        PackageSealer.seal(target, MANIFEST, signature,
                List.of(new PackageSealer.SourceEntry(EntryNames.SCHEMA_ENTRY, List.of(part))), Instant.EPOCH);

        try (PackageReader pkg = new PackageReader(target)) {
            assertEquals(List.of(Manifest.ENTRY_NAME, PackageSignature.ENTRY_NAME, EntryNames.SCHEMA_ENTRY),
                    pkg.entryNames());
        }
        PackageSignature.Signed read = PackageSignature.read(target);
        assertArrayEquals(MANIFEST, read.manifest());
        assertTrue(PackageSignature.verifies(KEY, read.manifest(), read.signature().orElseThrow()));

        Path unsigned = dir.resolve("u.lifeboat.tar");
        PackageSealer.seal(unsigned, MANIFEST, List.of(), Instant.EPOCH);
        assertTrue(PackageSignature.read(unsigned).signature().isEmpty());
    }
}
