package org.lifeboat.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing key: made once, readable by the server only, the same key ever after. */
class PackageSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void the_key_is_created_on_first_use_with_mode_0600_and_read_back_after() throws IOException {
        Path file = dir.resolve("lifeboat").resolve("package-signing.key");
        byte[] first = PackageSigningKey.loadOrCreate(file);

        assertEquals(32, first.length);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, PackageSigningKey.loadOrCreate(file), "the same key on the next start");
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temporary file left beside the key");
        }
    }

    @Test
    void a_damaged_key_file_is_an_error_not_a_new_key() throws IOException {
        Path file = Files.write(dir.resolve("package-signing.key"), new byte[5]);
        assertThrows(IOException.class, () -> PackageSigningKey.loadOrCreate(file));
    }
}
