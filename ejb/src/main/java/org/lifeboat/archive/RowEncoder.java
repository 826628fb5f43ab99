package org.lifeboat.archive;

import java.nio.charset.StandardCharsets;

/**
 * Encodes one row as one line of JSON: an array of PostgreSQL text-output values, {@code null} for SQL NULL.
 * The encoding is fixed (no optional whitespace, minimal escapes, UTF-8 as is), so the same row always gives
 * the same bytes; any JSON reader (jq, Jackson) reads it back unchanged.
 */
public final class RowEncoder {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private RowEncoder() {}

    public static void encode(String[] row, ByteSink out) {
        out.write('[');
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String value = row[i];
            if (value == null) {
                out.write('n');
                out.write('u');
                out.write('l');
                out.write('l');
            } else {
                string(value, out);
            }
        }
        out.write(']');
        out.write('\n');
    }

    private static void string(String value, ByteSink out) {
        out.write('"');
        int start = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            if (i > start) {
                writeUtf8(value, start, i, out);
            }
            out.write('\\');
            switch (c) {
                case '"' -> out.write('"');
                case '\\' -> out.write('\\');
                case '\n' -> out.write('n');
                case '\r' -> out.write('r');
                case '\t' -> out.write('t');
                case '\b' -> out.write('b');
                case '\f' -> out.write('f');
                default -> {
                    out.write('u');
                    out.write('0');
                    out.write('0');
                    out.write(HEX[c >> 4]);
                    out.write(HEX[c & 0xF]);
                }
            }
            start = i + 1;
        }
        if (start < length) {
            writeUtf8(value, start, length, out);
        }
        out.write('"');
    }

    private static void writeUtf8(String value, int from, int to, ByteSink out) {
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = value.charAt(i) < 0x80;
        }
        if (ascii) {
            for (int i = from; i < to; i++) {
                out.write(value.charAt(i));
            }
        } else {
            byte[] bytes = value.substring(from, to).getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, bytes.length);
        }
    }
}
