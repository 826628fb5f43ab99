package org.lifeboat.archive;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Decompresses a table entry: a sequence of zstd frames, one per chunk (gzip members are read too, recognised
 * by their magic bytes). Every frame is read: Java's {@code GZIPInputStream}, for one, may stop after the first
 * member when the underlying stream reports nothing {@code available()}, as a tar entry stream does.
 */
public final class TableEntryStream {

    private TableEntryStream() {}

    public static InputStream open(InputStream compressed) throws IOException {
        BufferedInputStream in = new BufferedInputStream(compressed, 1 << 16);
        in.mark(4);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            return new GzipCompressorInputStream(in, true);
        }
        if (first == -1) {
            return in; // an empty table
        }
        return new ZstdInputStream(in);
    }
}
