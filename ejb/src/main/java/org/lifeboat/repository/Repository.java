package org.lifeboat.repository;

import java.net.URI;
import java.util.List;

/**
 * One configured repository. {@code local} (the server's backup folder) is always there and needs no entry; an
 * {@code s3} repository names its store (endpoint, region, bucket, key prefix, path-style access), where its
 * credentials are kept (credential store alias or environment variable, never the keys), the part size of its
 * multipart uploads, and how packages copied there are encrypted ({@code encryption} null: they are copied as
 * they are).
 */
public record Repository(String name, Kind kind, URI endpoint, String region, String bucket, String prefix,
                         boolean pathStyle, SecretRef accessKey, SecretRef secretKey, int partSizeMiB,
                         RepositoryEncryption encryption, ObjectLock objectLock, Retention retention) {

    /**
     * Which copies a repository keeps, like a source's local policy (each null or at least 1): within
     * {@code keepDays}, the newest {@code keepCount} per scope, the newest of each of the last N days/weeks/months.
     * Null on the repository: it keeps every copy.
     */
    public record Retention(Integer keepDays, Integer keepCount, Integer keepDaily, Integer keepWeekly,
                            Integer keepMonthly) {

        @Override
        public String toString() {
            List<String> parts = new java.util.ArrayList<>();
            if (keepDays != null) {
                parts.add(keepDays + " days");
            }
            if (keepCount != null) {
                parts.add("newest " + keepCount);
            }
            if (keepDaily != null) {
                parts.add(keepDaily + " daily");
            }
            if (keepWeekly != null) {
                parts.add(keepWeekly + " weekly");
            }
            if (keepMonthly != null) {
                parts.add(keepMonthly + " monthly");
            }
            return String.join(", ", parts);
        }
    }

    /**
     * S3 Object Lock retention set on every object written (the bucket must have Object Lock enabled, hence
     * versioning): {@code COMPLIANCE} (nobody can delete it until the date) or {@code GOVERNANCE} (only with the
     * bypass permission), for {@code days} from the upload.
     */
    public record ObjectLock(String mode, int days) {}

    public static final String LOCAL = "local";

    /** The suffix of an encrypted package's object: an OpenPGP message, as gpg names them. */
    public static final String ENCRYPTED_SUFFIX = ".gpg";

    public enum Kind { LOCAL, S3 }

    public static Repository local() {
        return new Repository(LOCAL, Kind.LOCAL, null, null, null, null, false, null, null, 0, null, null, null);
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
