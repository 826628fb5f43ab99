package org.lifeboat.source;

import java.nio.file.Path;

/** A profile YAML that cannot be used: names the file, the line and what to fix. */
@jakarta.ejb.ApplicationException(rollback = true) // the source cannot be used now (503), not an ERROR stack trace
public class ProfileException extends RuntimeException {

    private final Path file;
    private final int line;
    private final String reason;

    public ProfileException(Path file, int line, String reason) {
        super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
