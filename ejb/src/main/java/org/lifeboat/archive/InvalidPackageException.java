package org.lifeboat.archive;

import java.io.IOException;

/**
 * An uploaded package was refused by {@link UploadInspector}: {@link #reason()} is a short stable code a client can
 * branch on ({@code path-traversal}, {@code checksum-mismatch}…), the message a sentence naming the entry or row
 * that caused it. It is an {@link IOException} so that it can travel up through the streams that detect it.
 */
public class InvalidPackageException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why a package is refused; {@link #code()} is what {@link #reason()} returns. */
    public enum Reason {
        NOT_A_FILE("not-a-file"),
        TOO_LARGE("too-large"),
        TOO_MANY_ENTRIES("too-many-entries"),
        NOT_A_TAR("not-a-tar"),
        CORRUPT_HEADER("corrupt-header"),
        TRUNCATED("truncated"),
        TRAILING_DATA("trailing-data"),
        MANIFEST_MISSING("manifest-missing"),
        MANIFEST_NOT_FIRST("manifest-not-first"),
        MANIFEST_INVALID_JSON("manifest-invalid-json"),
        MANIFEST_UNSUPPORTED_VERSION("manifest-unsupported-version"),
        MANIFEST_INVALID_FIELD("manifest-invalid-field"),
        BAD_ENTRY_NAME("bad-entry-name"),
        ABSOLUTE_PATH("absolute-path"),
        PATH_TRAVERSAL("path-traversal"),
        PATH_CONFLICT("path-conflict"),
        LINK_ENTRY("link-entry"),
        SPECIAL_ENTRY("special-entry"),
        DUPLICATE_ENTRY("duplicate-entry"),
        UNLISTED_ENTRY("unlisted-entry"),
        MISSING_ENTRY("missing-entry"),
        SIZE_MISMATCH("size-mismatch"),
        CHECKSUM_MISMATCH("checksum-mismatch"),
        CORRUPT_TABLE_ENTRY("corrupt-table-entry"),
        DECOMPRESSION_BOMB("decompression-bomb"),
        ROW_INVALID_JSON("row-invalid-json"),
        ROW_WRONG_TYPE("row-wrong-type"),
        ROW_WRONG_WIDTH("row-wrong-width"),
        ROW_COUNT_MISMATCH("row-count-mismatch"),
        UNREADABLE("unreadable");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason kind;
    private final String entry;

    /**
     * @param entry the entry at fault as it may be shown (control characters escaped), or null when the fault is
     *              not one entry's (the file as a whole)
     */
    public InvalidPackageException(Reason kind, String entry, String message) {
        super(message);
        this.kind = kind;
        this.entry = entry;
    }

    public InvalidPackageException(Reason kind, String entry, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.entry = entry;
    }

    /** The machine-readable code, e.g. {@code path-traversal}. */
    public String reason() {
        return kind.code();
    }

    public Reason kind() {
        return kind;
    }

    /** The entry at fault ({@code manifest.json} for problems of the manifest itself), or null. */
    public String entry() {
        return entry;
    }
}
