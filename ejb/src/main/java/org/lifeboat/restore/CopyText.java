package org.lifeboat.restore;

import org.lifeboat.archive.RowDecoder;

/**
 * Writes values in COPY's text format, the one escaper of the restore: NULL is {@code \N}; backslash, tab, newline
 * and carriage return are escaped; every other character passes as it is. Staging writes strings with it, the direct
 * load the UTF-8 bytes of {@link RowDecoder} (safe byte by byte: the four characters are ASCII, and no byte of a
 * longer UTF-8 sequence is ASCII).
 */
final class CopyText {

    private CopyText() {}

    /** The letter COPY writes after a backslash for {@code c}, or 0 when {@code c} passes as it is. */
    static char escapeLetter(int c) {
        return switch (c) {
            case '\\' -> '\\';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            default -> 0;
        };
    }

    /**
     * Appends one value, null as {@code \N}. Runs between escapes are appended in bulk: this is the staging's
     * innermost loop (JFR showed char-by-char appends as its top frame).
     */
    static void escape(String value, StringBuilder out) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char letter = escapeLetter(value.charAt(i));
            if (letter != 0) {
                out.append(value, run, i).append('\\').append(letter);
                run = i + 1;
            }
        }
        out.append(value, run, value.length());
    }

    /**
     * Appends a value of the row {@code rows} read last, null as {@code \\N}: its bytes as they are but for the
     * characters the decoder marks as special (only escapes produce a backslash or a control character), so the
     * direct load never scans a value byte by byte twice.
     */
    static void escape(RowDecoder rows, int value, CopyTranscoder.CopyBuffer out) {
        byte[] bytes = rows.bytes();
        if (rows.isNull(value)) {
            out.put((byte) '\\');
            out.put((byte) 'N');
            return;
        }
        int run = rows.start(value);
        for (int s = rows.specialFrom(value); s < rows.specialTo(value); s++) {
            int at = rows.special(s);
            char letter = escapeLetter(bytes[at]);
            if (letter != 0) {
                out.put(bytes, run, at - run);
                out.put((byte) '\\');
                out.put((byte) letter);
                run = at + 1;
            }
        }
        out.put(bytes, run, rows.end(value) - run);
    }
}
