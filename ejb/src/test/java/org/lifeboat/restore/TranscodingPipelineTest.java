package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.ByteSink;
import org.lifeboat.archive.RowEncoder;

/**
 * The pipeline must hand over exactly the COPY text the transcoder makes on the caller's thread, in order, whatever
 * the number of buffers it takes; it must report a bad row as the transcoder does, and stop and close the entry
 * when the sender gives up half-way.
 */
class TranscodingPipelineTest {

    private static final int[] ALL = {0, 1, 2};

    /** About 12 MB of rows: a dozen buffers, more than the pipeline holds at once. */
    private static byte[] rows(int count) {
        ByteSink sink = new ByteSink(1 << 20);
        for (int i = 1; i <= count; i++) {
            RowEncoder.encode(new String[] {Long.toString(i), "note\t" + i + " \\ \"quoted\" é\n" + "x".repeat(i % 90),
                    i % 7 == 0 ? null : "{\"k\": " + i + "}"}, sink);
        }
        return sink.toByteArray();
    }

    private static byte[] onOneThread(byte[] json) throws IOException {
        CopyTranscoder t = new CopyTranscoder(new ByteArrayInputStream(json), "t.jsonl");
        CopyTranscoder.CopyBuffer out = new CopyTranscoder.CopyBuffer();
        while (t.next()) {
            t.appendRow(ALL, out);
        }
        return java.util.Arrays.copyOf(out.bytes(), out.length());
    }

    @Test
    void hands_over_the_same_bytes_in_order_across_many_buffers() throws Exception {
        byte[] json = rows(120_000);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        List<Long> lines = new ArrayList<>();
        try (TranscodingPipeline p = new TranscodingPipeline(Thread::new, () -> new ByteArrayInputStream(json),
                "t.jsonl", "public.t", 3, ALL)) {
            while (true) {
                TranscodingPipeline.Chunk chunk = p.take();
                sent.write(chunk.buffer().bytes(), 0, chunk.buffer().length());
                lines.add(chunk.line());
                p.recycle(chunk);
                if (chunk.last()) {
                    break;
                }
            }
        }
        assertTrue(lines.size() > 8, "several buffers: " + lines.size());
        assertEquals(120_000L, lines.get(lines.size() - 1));
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i) >= lines.get(i - 1), "lines only grow");
        }
        assertEquals(new String(onOneThread(json), "UTF-8"), sent.toString("UTF-8"));
    }

    @Test
    void an_empty_entry_is_one_last_empty_chunk() throws Exception {
        try (TranscodingPipeline p = new TranscodingPipeline(Thread::new, () -> new ByteArrayInputStream(new byte[0]),
                "t.jsonl", "public.t", 3, ALL)) {
            TranscodingPipeline.Chunk chunk = p.take();
            assertTrue(chunk.last());
            assertEquals(0, chunk.buffer().length());
            assertEquals(0, chunk.line());
        }
    }

    @Test
    void a_row_of_the_wrong_width_is_reported_with_its_line() throws Exception {
        byte[] good = rows(50_000);
        byte[] json = new byte[good.length + 12];
        System.arraycopy(good, 0, json, 0, good.length);
        System.arraycopy("[\"1\",\"2\"]\n".getBytes(), 0, json, good.length, 10);
        try (TranscodingPipeline p = new TranscodingPipeline(Thread::new, () -> new ByteArrayInputStream(json),
                "t.jsonl", "public.t", 3, ALL)) {
            RestoreException e = assertThrows(RestoreException.class, () -> {
                while (true) {
                    TranscodingPipeline.Chunk chunk = p.take();
                    p.recycle(chunk);
                }
            });
            assertEquals("t.jsonl: line 50001: has 2 values for 3 columns", e.getMessage());
        }
    }

    @Test
    void malformed_json_is_reported_as_the_transcoder_reports_it() throws Exception {
        byte[] json = "[\"1\",\"2\",\"3\"]\n[\"1\",\"2\" \"3\"]\n".getBytes();
        try (TranscodingPipeline p = new TranscodingPipeline(Thread::new, () -> new ByteArrayInputStream(json),
                "t.jsonl", "public.t", 3, ALL)) {
            RestoreException e = assertThrows(RestoreException.class, p::take);
            assertTrue(e.getMessage().startsWith("t.jsonl: line 2: "), e.getMessage());
        }
    }

    @Test
    void a_sender_that_gives_up_stops_the_worker_and_the_entry_is_closed() throws Exception {
        byte[] json = rows(120_000);
        AtomicBoolean closed = new AtomicBoolean();
        Thread[] worker = new Thread[1];
        TranscodingPipeline p = new TranscodingPipeline(r -> worker[0] = new Thread(r),
                () -> new FilterInputStream(new ByteArrayInputStream(json)) {
                    @Override
                    public void close() throws IOException {
                        closed.set(true);
                        super.close();
                    }
                }, "t.jsonl", "public.t", 3, ALL);
        TranscodingPipeline.Chunk first = p.take();
        assertFalse(first.last());
        // the sender failed (say PostgreSQL refused a row) and never recycles nor takes again
        Thread.sleep(200); // the worker has filled every buffer and waits
        p.close();
        assertFalse(worker[0].isAlive(), "the worker ended");
        assertTrue(closed.get(), "the entry was closed");
    }

    @Test
    void a_read_error_reaches_the_sender() throws Exception {
        InputStream broken = new InputStream() {
            int served;

            @Override
            public int read() throws IOException {
                if (served < 100_000) {
                    return "[\"1\",\"2\",\"3\"]\n".charAt(served++ % 14);
                }
                throw new IOException("Truncated input");
            }
        };
        try (TranscodingPipeline p = new TranscodingPipeline(Thread::new, () -> broken, "t.jsonl", "public.t", 3, ALL)) {
            IOException e = assertThrows(IOException.class, p::take);
            assertEquals("Truncated input", e.getMessage());
        }
    }
}
