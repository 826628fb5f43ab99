package org.lifeboat.repository;

/** A package has no copy in the repository asked about (it was never copied there). */
public class NoCopyException extends RuntimeException {

    public NoCopyException(long backup, String repository) {
        super("package " + backup + " has no copy in repository " + repository
                + "; its copies are listed under 'copies' in GET /lifeboat/api/backups/" + backup);
    }

    public NoCopyException(long backup, String repository, String why) {
        super("package " + backup + " cannot be brought back from repository " + repository + ": " + why);
    }
}
