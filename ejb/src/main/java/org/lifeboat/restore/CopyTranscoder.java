package org.lifeboat.restore;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Turns the rows of a table entry (one JSON array of strings and nulls per line) into rows of COPY's text format,
 * byte by byte, without making a Java string of any value: the direct load's inner loop. JSON escapes become the
 * characters they stand for, and the characters COPY treats specially (backslash, tab, newline, carriage return) are
 * written as COPY escapes, as {@link StagingArea#copyValue} writes them; every other byte, UTF-8 sequences included, passes as it is.
 * Anything that is not a well-formed row is refused with its line, as {@link PackageStager} does.
 */
final class CopyTranscoder {

    private final InputStream in;
    private final String entry;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long line;

    /** The current row: each field's COPY text (null: SQL NULL) in {@code row}, between starts and ends. */
    private byte[] row = new byte[8192];
    private int rowLength;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] nulls = new boolean[16];
    private int fields;

    CopyTranscoder(InputStream in, String entry) {
        this.in = in;
        this.entry = entry;
    }

    /** The line number (1-based) of the row {@link #next()} read last. */
    long line() {
        return line;
    }

    /** Number of values in the row read last. */
    int width() {
        return fields;
    }

    /** Reads the next row; false at the end of the entry. */
    boolean next() throws IOException {
        int b = skipWhitespace();
        if (b < 0) {
            return false;
        }
        line++;
        if (b != '[') {
            throw refused("is not a JSON array");
        }
        rowLength = 0;
        fields = 0;
        b = skipWhitespace();
        if (b == ']') {
            return true;
        }
        while (true) {
            value(b);
            b = skipWhitespace();
            if (b == ']') {
                return true;
            }
            if (b != ',') {
                throw refused(b < 0 ? "ends inside a row" : "holds '" + (char) b + "' where ',' or ']' belongs");
            }
            b = skipWhitespace();
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
            int f = chosen[i];
            if (nulls[f]) {
                out.put((byte) '\\');
                out.put((byte) 'N');
            } else {
                out.put(row, starts[f], ends[f] - starts[f]);
            }
        }
        out.put((byte) '\n');
    }

    private void value(int first) throws IOException {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
            nulls = Arrays.copyOf(nulls, fields * 2);
        }
        int f = fields++;
        if (first == 'n') {
            if (read() != 'u' || read() != 'l' || read() != 'l') {
                throw refused("holds a value that is neither a string nor null");
            }
            nulls[f] = true;
            return;
        }
        if (first != '"') {
            throw refused(first < 0 ? "ends inside a row" : "holds a value that is neither a string nor null");
        }
        nulls[f] = false;
        starts[f] = rowLength;
        while (true) {
            // the common case: a run of plain bytes inside the buffer
            int start = position;
            int end = start;
            while (end < limit) {
                byte c = buffer[end];
                if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                    break;
                }
                end++;
            }
            if (end > start) {
                put(buffer, start, end - start);
                position = end;
            }
            int c = read();
            if (c == '"') {
                ends[f] = rowLength;
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c < 0) {
                throw refused("ends inside a string");
            } else if (c < 0x20) {
                throw refused("holds a raw control character (0x" + Integer.toHexString(c) + ") inside a string");
            } else {
                put((byte) c); // a plain byte that began a refilled buffer
            }
        }
    }

    private void escape() throws IOException {
        int c = read();
        switch (c) {
            case '"' -> put((byte) '"');
            case '/' -> put((byte) '/');
            case '\\' -> putEscaped('\\');
            case 'n' -> putEscaped('n');
            case 't' -> putEscaped('t');
            case 'r' -> putEscaped('r');
            case 'b' -> put((byte) '\b');
            case 'f' -> put((byte) '\f');
            case 'u' -> codePoint(hex4());
            default -> throw refused("holds an invalid escape in a string");
        }
    }

    private void codePoint(int unit) throws IOException {
        int cp = unit;
        if (Character.isHighSurrogate((char) unit)) {
            if (read() != '\\' || read() != 'u') {
                throw refused("holds an unpaired surrogate \\u" + Integer.toHexString(unit));
            }
            int low = hex4();
            if (!Character.isLowSurrogate((char) low)) {
                throw refused("holds an unpaired surrogate \\u" + Integer.toHexString(unit));
            }
            cp = Character.toCodePoint((char) unit, (char) low);
        } else if (Character.isLowSurrogate((char) unit)) {
            throw refused("holds an unpaired surrogate \\u" + Integer.toHexString(unit));
        }
        switch (cp) {
            case '\\' -> putEscaped('\\');
            case '\n' -> putEscaped('n');
            case '\t' -> putEscaped('t');
            case '\r' -> putEscaped('r');
            default -> {
                if (cp < 0x80) {
                    put((byte) cp);
                } else if (cp < 0x800) {
                    put((byte) (0xC0 | cp >> 6));
                    put((byte) (0x80 | cp & 0x3F));
                } else if (cp < 0x10000) {
                    put((byte) (0xE0 | cp >> 12));
                    put((byte) (0x80 | cp >> 6 & 0x3F));
                    put((byte) (0x80 | cp & 0x3F));
                } else {
                    put((byte) (0xF0 | cp >> 18));
                    put((byte) (0x80 | cp >> 12 & 0x3F));
                    put((byte) (0x80 | cp >> 6 & 0x3F));
                    put((byte) (0x80 | cp & 0x3F));
                }
            }
        }
    }

    private int hex4() throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(read(), 16);
            if (digit < 0) {
                throw refused("holds an invalid \\u escape");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private void putEscaped(char c) {
        put((byte) '\\');
        put((byte) c);
    }

    private void put(byte b) {
        if (rowLength == row.length) {
            row = Arrays.copyOf(row, row.length * 2);
        }
        row[rowLength++] = b;
    }

    private void put(byte[] bytes, int offset, int length) {
        if (rowLength + length > row.length) {
            row = Arrays.copyOf(row, Math.max(row.length * 2, rowLength + length));
        }
        System.arraycopy(bytes, offset, row, rowLength, length);
        rowLength += length;
    }

    private int skipWhitespace() throws IOException {
        int b;
        do {
            b = read();
        } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
        return b;
    }

    private int read() throws IOException {
        if (position == limit) {
            limit = in.readNBytes(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xFF;
    }

    private RestoreException refused(String what) {
        return new RestoreException(entry + ": line " + line + " " + what);
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
