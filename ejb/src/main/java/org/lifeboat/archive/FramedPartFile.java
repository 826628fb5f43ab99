package org.lifeboat.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.UnaryOperator;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;

/**
 * The part of a table entry that one partition writes: a sequence of zstd frames (level 1 by default, with
 * checksums), one per chunk. A frame is complete when {@link #appendFrame} returns and on disk when {@link
 * #checkpoint} returns, so that offset is a safe checkpoint: on restart the file is truncated to the checkpointed
 * offset and writing goes on from there.
 * Concatenated frames are one valid zstd stream ({@code zstdcat} reads them as one file). zstd level 1 was chosen
 * by measurement over gzip: smaller and 3-5 times faster (docs/COMPRESSION-MEASUREMENTS.md).
 */
public final class FramedPartFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final ZstdCompressCtx zstd = new ZstdCompressCtx();
    private final ByteSink lines = new ByteSink(1 << 20);

    private FramedPartFile(Path path, FileChannel channel, int level) {
        this.path = path;
        this.channel = channel;
        zstd.setLevel(level);
        zstd.setChecksum(true);
    }

    /**
     * Opens a part file for writing. With a checkpoint offset the file is truncated to it (the bytes past it
     * belong to a chunk whose transaction did not commit); without one the file starts empty.
     */
    public static FramedPartFile open(Path path, Long checkpointOffset, int level) throws IOException {
        return open(path, checkpointOffset, level, channel -> channel);
    }

    /** {@link #open}, with the file's channel passed through {@code channels} (a test watches what reaches disk). */
    static FramedPartFile open(Path path, Long checkpointOffset, int level, UnaryOperator<FileChannel> channels)
            throws IOException {
        Files.createDirectories(path.getParent());
        boolean created = !Files.exists(path);
        FileChannel channel = channels.apply(FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
        long offset = checkpointOffset == null ? 0 : checkpointOffset;
        if (channel.size() < offset) {
            long size = channel.size();
            channel.close();
            throw new IOException("part file " + path + " is shorter (" + size + " bytes) than its checkpoint ("
                    + offset + " bytes): rows the job counted as exported are lost (the file was truncated, or the "
                    + "machine lost power before they reached the disk); abandon this job and start a new backup");
        }
        channel.truncate(offset);
        channel.position(offset);
        if (created) {
            // the file's name must survive a power loss too, or a restart finds no file for its checkpoint
            try (FileChannel folder = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
                folder.force(true);
            }
        }
        return new FramedPartFile(path, channel, level);
    }

    /** Writes the rows as one zstd frame and returns the file offset after it. */
    public long appendFrame(List<String[]> rows) throws IOException {
        lines.reset();
        for (String[] row : rows) {
            RowEncoder.encode(row, lines);
        }
        byte[] frame = new byte[(int) Zstd.compressBound(lines.size())];
        int length = zstd.compressByteArray(frame, 0, frame.length, lines.array(), 0, lines.size());
        ByteBuffer buffer = ByteBuffer.wrap(frame, 0, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        return channel.position();
    }

    /**
     * Writes {@code path} as the entry of a table without rows: one zstd frame holding nothing, so that the entry
     * is a valid zstd stream ({@code zstdcat} prints nothing and succeeds) rather than an empty file.
     */
    public static Path writeEmpty(Path path) throws IOException {
        try (var ctx = new com.github.luben.zstd.ZstdCompressCtx()) {
            ctx.setLevel(1);
            ctx.setChecksum(true);
            Files.write(path, ctx.compress(new byte[0]));
        }
        return path;
    }

    public long offset() throws IOException {
        return channel.position();
    }

    /**
     * The offset to checkpoint, after forcing every byte before it to disk: JBeret commits the checkpoint to its
     * repository when this returns, so a restart after a power loss must find the file at least this long.
     */
    public long checkpoint() throws IOException {
        channel.force(false);
        return channel.position();
    }

    /** Flushes the file to disk. */
    public void force() throws IOException {
        channel.force(true);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        zstd.close();
        channel.close();
    }

    /** Counts the rows (lines) of a finished part file, decompressing it: also proves every frame is intact. */
    public static long countRows(Path part) throws IOException {
        long rows = 0;
        byte[] buffer = new byte[1 << 16];
        try (var in = TableEntryStream.open(Files.newInputStream(part))) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        rows++;
                    }
                }
            }
        } catch (java.io.EOFException e) {
            throw new IOException("part file " + part + " is truncated", e);
        }
        return rows;
    }
}
