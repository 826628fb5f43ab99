package org.lifeboat.operations;

/** A catalogued package whose file is gone from disk: a 410. */
@jakarta.ejb.ApplicationException(rollback = true)
public class PackageFileMissingException extends RuntimeException {
    public PackageFileMissingException(long id, java.nio.file.Path file) {
        super("package " + id + " is catalogued but " + file + " no longer exists");
    }
}
