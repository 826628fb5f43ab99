package org.lifeboat.archive;

import java.io.IOException;

/**
 * A line of a table entry is not a row of the package format ({@link RowDecoder}): it names the entry, the line
 * (1-based, one row per line) and the reason. It is an {@link IOException} so that it travels up through the streams
 * that read the entry; the restore turns it into its own refusal, the upload inspector into a refused package.
 */
public class RowFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What kind of fault it is, for callers that sort faults (the upload inspector's reason codes). */
    public enum Kind {
        /** The line is not valid JSON, or not valid UTF-8, or the entry ends inside a row. */
        NOT_JSON,
        /** Rows are not one per line: something before a row, between rows, or after the last line break. */
        NOT_ONE_PER_LINE,
        /** Valid JSON, but the row is not an array, or a value is neither a string nor null. */
        WRONG_TYPE,
        /** A string PostgreSQL text cannot hold (U+0000, an unpaired surrogate). */
        NOT_TEXT,
        /** The row does not have one value per column. */
        WRONG_WIDTH
    }

    private final String entry;
    private final long line;
    private final Kind kind;
    private final String reason;

    public RowFormatException(String entry, long line, Kind kind, String reason) {
        super(entry + ": line " + line + ": " + reason);
        this.entry = entry;
        this.line = line;
        this.kind = kind;
        this.reason = reason;
    }

    /** The entry's name as the decoder was given it. */
    public String entry() {
        return entry;
    }

    /** The line (1-based) at fault; rows are lines, so it is the row's number too. */
    public long line() {
        return line;
    }

    public Kind kind() {
        return kind;
    }

    /** The fault without entry and line, e.g. {@code has 2 values for 3 columns}. */
    public String reason() {
        return reason;
    }
}
