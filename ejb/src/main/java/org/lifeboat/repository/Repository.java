package org.lifeboat.repository;

import java.net.URI;

/**
 * One configured repository. {@code local} (the server's backup folder) is always there and needs no entry; an
 * {@code s3} repository names its store (endpoint, region, bucket, key prefix, path-style access), the environment
 * variables its credentials are read from, and the part size of its multipart uploads.
 */
public record Repository(String name, Kind kind, URI endpoint, String region, String bucket, String prefix,
                         boolean pathStyle, String accessKeyEnv, String secretKeyEnv, int partSizeMiB) {

    public static final String LOCAL = "local";

    public enum Kind { LOCAL, S3 }

    public static Repository local() {
        return new Repository(LOCAL, Kind.LOCAL, null, null, null, null, false, null, null, 0);
    }

    /** The object key of a package file: {@code <prefix><source>/<file name>}. */
    public String keyOf(String source, String fileName) {
        return (prefix == null ? "" : prefix) + source + "/" + fileName;
    }

    /** Where it is, for messages and the catalog: {@code s3://bucket/prefix}. */
    public String location() {
        return kind == Kind.LOCAL ? "the backup folder" : "s3://" + bucket + "/" + (prefix == null ? "" : prefix);
    }
}
