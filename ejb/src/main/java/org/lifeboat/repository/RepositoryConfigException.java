package org.lifeboat.repository;

import java.nio.file.Path;

/** A {@code repositories.yaml} that cannot be used: names the file, the line and what to fix. */
@jakarta.ejb.ApplicationException(rollback = true)
public class RepositoryConfigException extends RuntimeException {

    public RepositoryConfigException(Path file, int line, String reason) {
        super(file.getFileName() + (line > 0 ? ":" + line : "") + ": " + reason);
    }
}
