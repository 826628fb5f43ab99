package org.lifeboat.operations;

/** A catalogued package whose file is not on this server's disk: a 410 that says how to bring it back. */
@jakarta.ejb.ApplicationException(rollback = true)
public class PackageFileMissingException extends RuntimeException {
    public PackageFileMissingException(long id, java.nio.file.Path file) {
        super("package " + id + " is catalogued but " + file + " no longer exists");
    }

    /** The package is in repositories only (a rescan catalogued it, or its local file is gone). */
    public PackageFileMissingException(long id, String file, java.util.List<String> repositories) {
        super(repositories.isEmpty() ? "package " + id + " is catalogued but " + file + " no longer exists"
                : "package " + id + " is not on this server's disk (" + file + "); bring it back from a repository "
                + "that holds it first: POST /lifeboat/api/backups/" + id + "/fetch {\"repository\": \""
                + repositories.get(0) + "\"} (copies in: " + String.join(", ", repositories) + ")");
    }
}
