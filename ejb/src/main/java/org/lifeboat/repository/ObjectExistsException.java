package org.lifeboat.repository;

/** The key a package would be copied to holds an object already: it is never overwritten. */
public class ObjectExistsException extends RuntimeException {

    public ObjectExistsException(String repository, String key) {
        super("repository " + repository + " already holds an object under " + key + "; it is not overwritten");
    }
}
