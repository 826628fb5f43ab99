package org.lifeboat.restore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.lifeboat.archive.RowDecoder;
import org.lifeboat.archive.RowFormatException;

/**
 * Turns the rows of a table entry into rows of COPY's text format without making a Java string of any value: the
 * direct load's inner loop. {@link RowDecoder} decodes each row's values into UTF-8 bytes (with the format's one set
 * of rules), and {@link CopyText} copies them into COPY text, escaping the characters the decoder marks. A line
 * that is not a row is refused with its line, as {@link PackageStager} refuses it.
 */
final class CopyTranscoder {

    private final RowDecoder rows;

    /** A transcoder for rows of any width (the caller checks it). */
    CopyTranscoder(InputStream in, String entry) {
        this(in, entry, RowDecoder.ANY_WIDTH);
    }

    CopyTranscoder(InputStream in, String entry, int width) {
        this.rows = new RowDecoder(in, entry, width);
    }

    /** The line number (1-based) of the row {@link #next()} read last. */
    long line() {
        return rows.line();
    }

    /** Number of values in the row read last. */
    int width() {
        return rows.size();
    }

    /** Reads the next row; false at the end of the entry. */
    boolean next() throws IOException {
        try {
            return rows.next();
        } catch (RowFormatException e) {
            throw new RestoreException(e.getMessage(), e);
        }
    }

    /**
     * Appends the chosen values of the current row as one COPY text line (tab-separated, {@code \N} for null,
     * newline at the end).
     */
    void appendRow(int[] chosen, CopyBuffer out) {
        for (int i = 0; i < chosen.length; i++) {
            if (i > 0) {
                out.put((byte) '\t');
            }
            CopyText.escape(rows, chosen[i], out);
        }
        out.put((byte) '\n');
    }

    /** A growable byte buffer for COPY data. */
    static final class CopyBuffer {
        private byte[] bytes = new byte[1 << 20];
        private int length;

        void put(byte b) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[length++] = b;
        }

        void put(byte[] from, int offset, int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
            System.arraycopy(from, offset, bytes, length, count);
            length += count;
        }

        byte[] bytes() {
            return bytes;
        }

        int length() {
            return length;
        }

        void clear() {
            length = 0;
        }
    }
}
