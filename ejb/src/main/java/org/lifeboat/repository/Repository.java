package org.lifeboat.repository;

import java.net.URI;

/**
 * One configured repository. {@code local} (the server's backup folder) is always there and needs no entry; an
 * {@code s3} repository names its store (endpoint, region, bucket, key prefix, path-style access), where its
 * credentials are kept (credential store alias or environment variable, never the keys), the part size of its
 * multipart uploads, and how packages copied there are encrypted ({@code encryption} null: they are copied as
 * they are).
 */
public record Repository(String name, Kind kind, URI endpoint, String region, String bucket, String prefix,
                         boolean pathStyle, SecretRef accessKey, SecretRef secretKey, int partSizeMiB,
                         RepositoryEncryption encryption) {

    public static final String LOCAL = "local";

    /** The suffix of an encrypted package's object: an OpenPGP message, as gpg names them. */
    public static final String ENCRYPTED_SUFFIX = ".gpg";

    public enum Kind { LOCAL, S3 }

    public static Repository local() {
        return new Repository(LOCAL, Kind.LOCAL, null, null, null, null, false, null, null, 0, null);
    }

    public boolean encrypted() {
        return encryption != null;
    }

    /**
     * The object key of a package file: {@code <prefix><source>/<file name>}, with {@value #ENCRYPTED_SUFFIX} when
     * the repository encrypts.
     */
    public String keyOf(String source, String fileName) {
        return (prefix == null ? "" : prefix) + source + "/" + fileName + (encrypted() ? ENCRYPTED_SUFFIX : "");
    }

    /** Where it is, for messages and the catalog: {@code s3://bucket/prefix}. */
    public String location() {
        return kind == Kind.LOCAL ? "the backup folder" : "s3://" + bucket + "/" + (prefix == null ? "" : prefix);
    }
}
