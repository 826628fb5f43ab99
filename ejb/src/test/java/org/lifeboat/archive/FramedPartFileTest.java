package org.lifeboat.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FramedPartFileTest {

    @TempDir
    Path dir;

    private static List<String[]> rows(int from, int to) {
        List<String[]> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(new String[] {Integer.toString(i), "name " + i, i % 3 == 0 ? null : "x\n\"y\""});
        }
        return rows;
    }

    @Test
    void a_restart_cuts_the_uncommitted_chunk_and_gives_the_same_bytes_as_an_uninterrupted_run() throws IOException {
        Path straight = dir.resolve("straight.gz");
        try (FramedPartFile f = FramedPartFile.open(straight, null, 3)) {
            f.appendFrame(rows(0, 100));
            f.appendFrame(rows(100, 200));
            f.appendFrame(rows(200, 250));
        }
        Path crashed = dir.resolve("crashed.gz");
        long checkpoint;
        try (FramedPartFile f = FramedPartFile.open(crashed, null, 3)) {
            f.appendFrame(rows(0, 100));
            checkpoint = f.appendFrame(rows(100, 200));
            f.appendFrame(rows(200, 230)); // written, but its chunk never committed
        }
        Files.write(crashed, new byte[] {1, 2, 3}, StandardOpenOption.APPEND); // a torn write
        try (FramedPartFile f = FramedPartFile.open(crashed, checkpoint, 3)) {
            f.appendFrame(rows(200, 250));
        }
        assertArrayEquals(Files.readAllBytes(straight), Files.readAllBytes(crashed));
        assertEquals(250, FramedPartFile.countRows(crashed));
    }

    @Test
    void a_part_file_shorter_than_its_checkpoint_is_an_error() throws IOException {
        Path part = dir.resolve("short.gz");
        try (FramedPartFile f = FramedPartFile.open(part, null, 3)) {
            f.appendFrame(rows(0, 10));
        }
        IOException e = assertThrows(IOException.class, () -> FramedPartFile.open(part, 1_000_000L, 3));
        assertEquals(true, e.getMessage().contains("shorter"), e.getMessage());
    }

    @Test
    void every_checkpoint_offset_is_on_disk_before_it_is_handed_to_the_job_repository() throws IOException {
        Path part = dir.resolve("durable.zst");
        ForceWatchingChannel[] channel = new ForceWatchingChannel[1];
        try (FramedPartFile f = FramedPartFile.open(part, null, 3, c -> channel[0] = new ForceWatchingChannel(c))) {
            for (int chunk = 0; chunk < 3; chunk++) {
                f.appendFrame(rows(chunk * 100, chunk * 100 + 100));
                long checkpoint = f.checkpoint();
                assertEquals(Files.size(part), checkpoint);
                assertTrue(channel[0].forcedUpTo() >= checkpoint, "chunk " + chunk + ": checkpoint " + checkpoint
                        + " but only " + channel[0].forcedUpTo() + " bytes were forced to disk");
            }
        }
    }

    @Test
    void a_restart_refuses_a_part_file_lost_before_it_reached_the_disk() throws IOException {
        Path part = dir.resolve("lost.zst");
        long checkpoint;
        try (FramedPartFile f = FramedPartFile.open(part, null, 3)) {
            f.appendFrame(rows(0, 100));
            checkpoint = f.checkpoint();
        }
        Files.delete(part); // what a power cut leaves of a file whose name never reached the disk
        IOException e = assertThrows(IOException.class, () -> FramedPartFile.open(part, checkpoint, 3));
        assertTrue(e.getMessage().contains("shorter (0 bytes) than its checkpoint (" + checkpoint + " bytes)")
                && e.getMessage().contains("start a new backup"), e.getMessage());
    }

    @Test
    void a_truncated_part_is_detected_when_counting() throws IOException {
        Path part = dir.resolve("cut.gz");
        try (FramedPartFile f = FramedPartFile.open(part, null, 3)) {
            f.appendFrame(rows(0, 1000));
        }
        byte[] bytes = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThrows(IOException.class, () -> FramedPartFile.countRows(part));
    }
}
