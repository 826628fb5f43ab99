package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.lifeboat.archive.RowFormatException.Kind;

/**
 * Reads the rows of a decompressed table entry: one JSON array of strings and nulls per line, each line ended by one
 * line break, nothing before, between or after the rows (spaces and tabs between a row's tokens are accepted, as any
 * JSON writer may put them). It is the one reader of that format: verify, staging, dry runs, the direct load and
 * upload inspection all decode through it, so they accept and refuse the same lines, each refusal a
 * {@link RowFormatException} naming the entry, the line and the reason.
 *
 * <p>It works on bytes, since it is the restore's inner loop: each value is decoded (JSON escapes resolved, UTF-8
 * checked) into one buffer per row, and a Java string is made only when {@link #text} asks for one; the direct load
 * copies the bytes straight into COPY text. Strings PostgreSQL text cannot hold (U+0000, unpaired surrogates) are
 * refused here, with their line, rather than by the server later.
 */
public final class RowDecoder {

    /** The width to pass when rows may have any number of values. */
    public static final int ANY_WIDTH = -1;

    private final InputStream in;
    private final String entry;
    private final int width;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long line;
    /** The last row's ']' was followed by the end of the entry instead of a line break. */
    private boolean unterminated;
    /** The last row's ']' was followed by something else than a line break (left unread). */
    private boolean misplaced;

    /** The current row: each value's UTF-8 in {@code row}, between starts and ends. */
    private byte[] row = new byte[8192];
    private int rowLength;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private boolean[] nulls = new boolean[16];
    private int fields;
    /** Where in {@code row} escapes put a backslash or a control character; each value's from specialFrom to specialTo. */
    private int[] specials = new int[64];
    private int specialCount;
    private int[] specialFrom = new int[16];
    private int[] specialTo = new int[16];

    /**
     * @param in    the decompressed entry; the decoder reads it, the caller closes it
     * @param entry the entry's name, for faults
     * @param width the number of values every row must have, or {@link #ANY_WIDTH}
     */
    public RowDecoder(InputStream in, String entry, int width) {
        this.in = in;
        this.entry = entry;
        this.width = width;
    }

    /** The line number (1-based) of the row {@link #next()} read last. */
    public long line() {
        return line;
    }

    /** Number of values in the row read last. */
    public int size() {
        return fields;
    }

    public boolean isNull(int value) {
        return nulls[value];
    }

    /** A value of the row read last as a string, {@code null} for SQL NULL. */
    public String text(int value) {
        return nulls[value] ? null : new String(row, starts[value], ends[value] - starts[value], StandardCharsets.UTF_8);
    }

    /** The row read last as strings, {@code null} for SQL NULL. */
    public String[] row() {
        String[] values = new String[fields];
        for (int i = 0; i < fields; i++) {
            values[i] = text(i);
        }
        return values;
    }

    /** The buffer holding the UTF-8 of the row read last (valid until the next row), between start and end. */
    public byte[] bytes() {
        return row;
    }

    public int start(int value) {
        return starts[value];
    }

    public int end(int value) {
        return ends[value];
    }

    /**
     * Whether a value holds no backslash and no control character: any text format (COPY's included) takes its bytes
     * as they are. Only escapes can put such characters in a value, so most values are plain.
     */
    public boolean plain(int value) {
        return specialFrom[value] == specialTo[value];
    }

    /**
     * The characters of a value that came from escapes and are a backslash or a control character, the ones a text
     * format may have to escape: their positions in {@link #bytes()} are {@code special(i)} for {@code i} from
     * {@code specialFrom(value)} (inclusive) to {@code specialTo(value)}. A writer looks at these, not at every byte.
     */
    public int specialFrom(int value) {
        return specialFrom[value];
    }

    public int specialTo(int value) {
        return specialTo[value];
    }

    public int special(int i) {
        return specials[i];
    }

    /** Reads the next row; false at the end of the entry. */
    public boolean next() throws IOException {
        if (unterminated) {
            throw fault(Kind.NOT_ONE_PER_LINE, "does not end with a line break; every row ends with one and nothing"
                    + " follows the last");
        }
        int b = read();
        if (b < 0 && !misplaced) {
            return false;
        }
        line++;
        if (misplaced || b == ' ' || b == '\t' || b == '\n' || b == '\r') {
            throw fault(Kind.NOT_ONE_PER_LINE, "does not start line " + line + "; rows are one JSON array per line,"
                    + " separated by a single line break");
        }
        if (b != '[') {
            String kind = kind(b);
            throw kind == null ? notJson("does not start with a JSON value")
                    : fault(Kind.WRONG_TYPE, "is a JSON " + kind + ", not an array of column values");
        }
        rowLength = 0;
        fields = 0;
        specialCount = 0;
        b = skipSpaces();
        if (b != ']') {
            while (true) {
                value(b);
                b = skipSpaces();
                if (b == ']') {
                    break;
                }
                if (b != ',') {
                    throw notJson(b < 0 ? "ends inside the row" : b == '\n' ? "breaks the line inside the row"
                            : "holds " + shown(b) + " where ',' or ']' belongs");
                }
                b = skipSpaces();
            }
        }
        if (width >= 0 && fields != width) {
            throw fault(Kind.WRONG_WIDTH, "has " + fields + " values for " + width + " columns");
        }
        int end = read();
        if (end < 0) {
            unterminated = true;
        } else if (end != '\n') {
            position--; // read() just served it from the buffer: it is still there
            misplaced = true;
        }
        return true;
    }

    private void value(int first) throws IOException {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
            nulls = Arrays.copyOf(nulls, fields * 2);
            specialFrom = Arrays.copyOf(specialFrom, fields * 2);
            specialTo = Arrays.copyOf(specialTo, fields * 2);
        }
        int f = fields++;
        specialFrom[f] = specialCount;
        if (first == '"') {
            nulls[f] = false;
            starts[f] = rowLength;
            string(f);
            ends[f] = rowLength;
            specialTo[f] = specialCount;
            return;
        }
        specialTo[f] = specialCount;
        if (first < 0) {
            throw notJson("ends inside the row");
        }
        String kind = kind(first);
        if ("null".equals(kind)) {
            nulls[f] = true;
            return;
        }
        if (kind == null) {
            throw notJson("value " + (f + 1) + " is neither a string, null, nor any other JSON value");
        }
        throw fault(Kind.WRONG_TYPE, "value " + (f + 1) + " is a JSON " + kind + "; every value must be a string or"
                + " null");
    }

    /** What JSON value a token starting with {@code first} is, or null if it is none (reads the token's start). */
    private String kind(int first) throws IOException {
        return switch (first) {
            case '[' -> "array";
            case '{' -> "object";
            case '"' -> "string";
            case 't' -> literal("rue") ? "boolean" : null;
            case 'f' -> literal("alse") ? "boolean" : null;
            case 'n' -> literal("ull") ? "null" : null;
            default -> number(first) ? "number" : null;
        };
    }

    /** Whether a valid JSON number starts here: an optional minus, then 0 alone or a digit that is not 0. */
    private boolean number(int first) throws IOException {
        int digit = first == '-' ? read() : first;
        if (digit < '0' || digit > '9') {
            return false;
        }
        if (digit != '0') {
            return true;
        }
        int next = read();
        return next < '0' || next > '9';
    }

    private boolean literal(String rest) throws IOException {
        for (int i = 0; i < rest.length(); i++) {
            if (read() != rest.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void string(int f) throws IOException {
        while (true) {
            // the common case: a run of plain bytes inside the buffer, whole UTF-8 sequences checked in place
            int start = position;
            int end = start;
            while (true) {
                while (end < limit) {
                    byte c = buffer[end];
                    if (c < 0x20 || c == '"' || c == '\\') { // bytes of non-ASCII characters are negative
                        break;
                    }
                    end++;
                }
                int sequence = end < limit && buffer[end] < 0 ? sequence(buffer, end, limit) : -1;
                if (sequence <= 0) {
                    break;
                }
                end += sequence;
            }
            if (end > start) {
                put(buffer, start, end - start);
                position = end;
            }
            int c = read();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                escape(f);
            } else if (c < 0) {
                throw notJson("ends inside a string");
            } else if (c < 0x20) {
                throw notJson("holds a raw control character (0x" + Integer.toHexString(c) + ") inside a string");
            } else if (c >= 0x80) {
                utf8(c); // a sequence cut by the end of the buffer, or a bad one
            } else {
                put((byte) c); // a plain byte that began a refilled buffer
            }
        }
    }

    /** Length of the valid UTF-8 sequence at {@code i}; 0 if it may go on past {@code limit}, -1 if invalid. */
    private static int sequence(byte[] bytes, int i, int limit) {
        int lead = bytes[i] & 0xFF;
        int more = continuations(lead);
        if (more < 0) {
            return -1;
        }
        if (i + more >= limit) {
            return 0;
        }
        if (!secondOk(lead, bytes[i + 1] & 0xFF)) {
            return -1;
        }
        for (int j = 2; j <= more; j++) {
            if ((bytes[i + j] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return more + 1;
    }

    /** Continuation bytes after a lead byte; -1 for bytes no well-formed UTF-8 starts with. */
    private static int continuations(int lead) {
        return lead < 0xC2 ? -1 : lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : lead < 0xF5 ? 3 : -1;
    }

    /** The second byte's range rules out overlong forms, surrogates (ED A0..BF) and code points past U+10FFFF. */
    private static boolean secondOk(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0 && second <= 0xBF;
            case 0xED -> second >= 0x80 && second <= 0x9F;
            case 0xF0 -> second >= 0x90 && second <= 0xBF;
            case 0xF4 -> second >= 0x80 && second <= 0x8F;
            default -> (second & 0xC0) == 0x80;
        };
    }

    private void utf8(int lead) throws IOException {
        int more = continuations(lead);
        if (more < 0) {
            throw notUtf8();
        }
        put((byte) lead);
        for (int j = 1; j <= more; j++) {
            int b = read();
            if (b < 0 || (j == 1 ? !secondOk(lead, b) : (b & 0xC0) != 0x80)) {
                throw notUtf8();
            }
            put((byte) b);
        }
    }

    private void escape(int f) throws IOException {
        int c = read();
        switch (c) {
            case '"' -> put((byte) '"');
            case '/' -> put((byte) '/');
            case '\\' -> putSpecial('\\');
            case 'n' -> putSpecial('\n');
            case 't' -> putSpecial('\t');
            case 'r' -> putSpecial('\r');
            case 'b' -> putSpecial('\b');
            case 'f' -> putSpecial('\f');
            case 'u' -> codePoint(f, hex4());
            default -> throw notJson("holds an invalid escape in a string");
        }
    }

    private void putSpecial(int c) {
        if (specialCount == specials.length) {
            specials = Arrays.copyOf(specials, specialCount * 2);
        }
        specials[specialCount++] = rowLength;
        put((byte) c);
    }

    private void codePoint(int f, int unit) throws IOException {
        int cp = unit;
        if (Character.isHighSurrogate((char) unit)) {
            if (read() != '\\' || read() != 'u') {
                throw unpaired(f, unit);
            }
            int low = hex4();
            if (!Character.isLowSurrogate((char) low)) {
                throw unpaired(f, unit);
            }
            cp = Character.toCodePoint((char) unit, (char) low);
        } else if (Character.isLowSurrogate((char) unit)) {
            throw unpaired(f, unit);
        }
        if (cp == 0) {
            throw fault(Kind.NOT_TEXT, "value " + (f + 1) + " holds U+0000, which PostgreSQL text cannot hold");
        }
        if (cp < 0x20 || cp == '\\') {
            putSpecial(cp);
        } else if (cp < 0x80) {
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

    private int hex4() throws IOException {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(read(), 16);
            if (digit < 0) {
                throw notJson("holds an invalid \\u escape");
            }
            value = value << 4 | digit;
        }
        return value;
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

    private int skipSpaces() throws IOException {
        int b;
        do {
            b = read();
        } while (b == ' ' || b == '\t');
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

    private static String shown(int b) {
        return b >= 0x20 && b < 0x7F ? "'" + (char) b + "'" : "the byte 0x" + Integer.toHexString(b);
    }

    private RowFormatException unpaired(int f, int unit) {
        return fault(Kind.NOT_TEXT, "value " + (f + 1) + " holds an unpaired surrogate \\u" + Integer.toHexString(unit)
                + ", which PostgreSQL text cannot hold");
    }

    private RowFormatException notUtf8() {
        return notJson("holds bytes that are not UTF-8 inside a string");
    }

    private RowFormatException notJson(String what) {
        return fault(Kind.NOT_JSON, "is not valid JSON: " + what);
    }

    private RowFormatException fault(Kind kind, String reason) {
        return new RowFormatException(entry, line, kind, reason);
    }
}
