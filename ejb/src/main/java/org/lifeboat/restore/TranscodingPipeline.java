package org.lifeboat.restore;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs the decompression and the {@link CopyTranscoder} of one table entry on a thread of their own, so that the
 * next rows are being prepared while PostgreSQL parses the rows before them: the direct load's two halves (Java
 * turning JSON into COPY text, the backend parsing and storing it) then use the two cores side by side instead of
 * taking turns. Buffers of COPY text go over a small bounded queue and come back to be refilled, so the memory it
 * takes is a few buffers whatever the size of the table.
 */
final class TranscodingPipeline implements AutoCloseable {

    /** Rows go to PostgreSQL in COPY messages of about this many bytes. */
    static final int CHUNK_BYTES = 1 << 20;

    /** Buffers in flight: one being filled, up to two waiting, one being sent. */
    private static final int BUFFERS = 4;

    /** A filled buffer and the package line of its last row; {@code failure} or {@code last} end the stream. */
    record Chunk(CopyTranscoder.CopyBuffer buffer, long line, boolean last, Throwable failure) {}

    private final BlockingQueue<CopyTranscoder.CopyBuffer> empty = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
    private final Thread worker;
    private volatile boolean cancelled;

    /**
     * Starts transcoding at once.
     *
     * @param source opens the decompressed table entry (called on the worker thread, which closes it)
     * @param entry the entry's name, for errors
     * @param width the number of values every row must have
     * @param chosen which of a row's values are copied, in the COPY column order
     */
    TranscodingPipeline(ThreadFactory threads, Source source, String entry, String table, int width, int[] chosen) {
        for (int i = 0; i < BUFFERS; i++) {
            empty.add(new CopyTranscoder.CopyBuffer());
        }
        worker = threads.newThread(() -> transcode(source, entry, width, chosen));
        worker.setName("lifeboat-transcoder " + table);
        worker.setDaemon(true);
        worker.start();
    }

    /** Opens a table entry, decompressed. */
    interface Source {
        InputStream open() throws IOException;
    }

    /**
     * The next filled buffer; hand it back with {@link #recycle} once sent. A failure of the worker (a malformed
     * row, a read error) is thrown here, as the exception the worker met.
     */
    Chunk take() throws IOException, InterruptedException {
        Chunk chunk = filled.take();
        if (chunk.failure() != null) {
            if (chunk.failure() instanceof IOException io) {
                throw io;
            }
            if (chunk.failure() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) chunk.failure();
        }
        return chunk;
    }

    void recycle(Chunk chunk) {
        chunk.buffer().clear();
        empty.offer(chunk.buffer());
    }

    /** Stops the worker (if it still runs) and waits until it has closed the entry. */
    @Override
    public void close() throws InterruptedException {
        cancelled = true;
        while (worker.isAlive()) {
            // the worker may wait for an empty buffer or for room in the queue: make both
            Chunk stale = filled.poll();
            if (stale != null && stale.buffer() != null) {
                empty.offer(stale.buffer());
            }
            worker.join(10);
        }
    }

    private void transcode(Source source, String entry, int width, int[] chosen) {
        try (InputStream in = source.open()) {
            CopyTranscoder transcoder = new CopyTranscoder(in, entry, width);
            CopyTranscoder.CopyBuffer buffer = nextEmpty();
            while (buffer != null && transcoder.next()) {
                transcoder.appendRow(chosen, buffer);
                if (buffer.length() >= CHUNK_BYTES) {
                    if (!hand(new Chunk(buffer, transcoder.line(), false, null))) {
                        return;
                    }
                    buffer = nextEmpty();
                }
            }
            if (buffer != null) {
                hand(new Chunk(buffer, transcoder.line(), true, null));
            }
        } catch (IOException | RuntimeException | Error e) {
            hand(new Chunk(null, -1, true, e));
        }
    }

    /** An empty buffer, or null once the pipeline is cancelled. */
    private CopyTranscoder.CopyBuffer nextEmpty() {
        try {
            while (!cancelled) {
                CopyTranscoder.CopyBuffer b = empty.poll(50, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Queues a chunk for the sender; false once the pipeline is cancelled. */
    private boolean hand(Chunk chunk) {
        try {
            while (!cancelled) {
                if (filled.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
