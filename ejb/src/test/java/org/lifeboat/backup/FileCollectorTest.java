package org.lifeboat.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lifeboat.archive.Manifest;

class FileCollectorTest {

    @TempDir
    Path dir;

    @Test
    void a_root_is_copied_in_stable_order_with_checksums_and_links_stay_inside() throws Exception {
        Path root = Files.createDirectories(dir.resolve("storage"));
        Files.createDirectories(root.resolve("b/sub"));
        Files.write(root.resolve("b/sub/z.bin"), new byte[] {0, 1, 0, 2});
        Files.writeString(root.resolve("a.txt"), "hello");
        Files.writeString(root.resolve("Übersicht.txt"), "ü");
        Files.write(root.resolve("empty.dat"), new byte[0]);
        Files.createSymbolicLink(root.resolve("inside-link"), Path.of("a.txt"));
        Files.writeString(dir.resolve("outside.txt"), "secret");
        Files.createSymbolicLink(root.resolve("outside-link"), Path.of("../outside.txt"));
        Files.createSymbolicLink(root.resolve("dir-link"), dir);

        List<Manifest.SkippedFile> skipped = new ArrayList<>();
        List<Manifest.StoredFile> files = FileCollector.collectRoot("media", root, dir.resolve("copy"), skipped);

        assertEquals(List.of("a.txt", "b/sub/z.bin", "empty.dat", "inside-link", "Übersicht.txt"),
                files.stream().map(Manifest.StoredFile::path).toList());
        Manifest.StoredFile a = files.get(0);
        assertEquals("storage/media/a.txt", a.entry());
        assertEquals("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", a.sha256());
        assertEquals(5, a.bytes());
        assertArrayEquals(new byte[] {0, 1, 0, 2}, Files.readAllBytes(dir.resolve("copy/media/b/sub/z.bin")));
        Manifest.StoredFile link = files.get(3);
        assertEquals("a.txt", link.link());
        assertNull(link.sha256());
        assertEquals(List.of("dir-link", "outside-link"), skipped.stream().map(Manifest.SkippedFile::path).toList());
        assertTrue(skipped.get(1).reason().contains("leaves the storage root"), skipped.toString());
    }

    @Test
    void a_file_that_is_not_a_regular_file_fails_the_backup_with_its_path() throws Exception {
        Path root = Files.createDirectories(dir.resolve("storage"));
        Path fifo = root.resolve("queue.fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, p.waitFor());
        StorageReadException e = assertThrows(StorageReadException.class,
                () -> FileCollector.collectRoot("media", root, dir.resolve("copy"), new ArrayList<>()));
        assertEquals(fifo, e.file());
        assertTrue(e.getMessage().contains(fifo.toString()) && e.getMessage().contains("not a regular file"),
                e.getMessage());
    }

    @Test
    void a_listed_configuration_file_that_is_missing_is_an_error_naming_it() {
        StorageReadException e = assertThrows(StorageReadException.class,
                () -> FileCollector.collectFile("configuration", dir, "app/missing.env", dir.resolve("copy")));
        assertTrue(e.getMessage().contains("missing.env") && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
