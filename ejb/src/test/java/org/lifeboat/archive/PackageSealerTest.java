package org.lifeboat.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageSealerTest {

    @TempDir
    Path dir;

    @Test
    void a_package_is_readable_by_the_service_user_only_even_over_a_leftover_partial_file() throws Exception {
        Path target = dir.resolve("edms-full-x.lifeboat.tar");
        Path leftover = Files.writeString(dir.resolve(target.getFileName() + PackageSealer.PARTIAL_SUFFIX), "cut");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-r--r--"));
        PackageSealer.seal(target, "{}".getBytes(StandardCharsets.UTF_8), null, List.of(), Instant.now());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertFalse(Files.exists(leftover));
    }
}
