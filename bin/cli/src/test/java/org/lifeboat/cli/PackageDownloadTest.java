package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PackageDownloadTest {

    @Test
    void the_servers_file_name_is_used() {
        assertEquals("edms-database-20261122T004216Z-2.lifeboat.tar", PackageDownload.fileName(
                "attachment; filename=\"edms-database-20261122T004216Z-2.lifeboat.tar\"", "fallback.tar"));
        assertEquals("hms-CT1.lifeboat.tar", PackageDownload.fileName("attachment; filename=hms-CT1.lifeboat.tar",
                "fallback.tar"));
    }

    @Test
    void folders_in_the_name_are_ignored_so_nothing_lands_outside_the_target() {
        assertEquals("passwd", PackageDownload.fileName("attachment; filename=\"../../etc/passwd\"", "f.tar"));
        assertEquals("x.tar", PackageDownload.fileName("attachment; filename=\"C:\\\\temp\\\\x.tar\"", "f.tar"));
        assertEquals("f.tar", PackageDownload.fileName("attachment; filename=\"..\"", "f.tar"));
    }

    @Test
    void without_a_name_the_fallback_is_used() {
        assertEquals("f.tar", PackageDownload.fileName(null, "f.tar"));
        assertEquals("f.tar", PackageDownload.fileName("attachment", "f.tar"));
    }
}
