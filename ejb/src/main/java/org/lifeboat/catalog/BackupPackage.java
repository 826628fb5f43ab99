package org.lifeboat.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A package the server has written or accepted, as its catalog records it. */
@Entity
@Table(name = "lifeboat_backup")
@NamedQuery(name = "BackupPackage.all", query = "SELECT b FROM BackupPackage b ORDER BY b.createdAt DESC, b.id DESC")
@NamedQuery(name = "BackupPackage.bySource",
        query = "SELECT b FROM BackupPackage b WHERE b.source = :source ORDER BY b.createdAt DESC, b.id DESC")
@NamedQuery(name = "BackupPackage.byJobInstance", query = "SELECT b FROM BackupPackage b WHERE b.jobInstanceId = :id")
public class BackupPackage {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String source;

    @Column(nullable = false)
    private String scope;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant completedAt;

    private long durationMillis;

    private long sizeBytes;

    @Column(nullable = false, length = 2000)
    private String file;

    @Column(length = 64)
    private String sha256;

    /** Rows per table, as a JSON object: {"public.users_user": 32, ...}. */
    @Column(columnDefinition = "text")
    private String countsJson;

    private long totalRows;

    private Long jobInstanceId;

    private Long jobExecutionId;

    private String createdBy;

    /** How the package came here: see {@link Origin}. Null in rows catalogued before the column existed. */
    @Column(length = 16)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Origin origin;

    /** When this server catalogued the package: its own clock, unlike {@code createdAt}, which a file can claim. */
    private Instant cataloguedAt;

    /** Where a package came from, which decides how far it is trusted. */
    public enum Origin {
        /** Written by this server's own backup job. */
        BACKUP,
        /** Uploaded, and carries this server's signature: written by this server, then moved off and back. */
        SIGNED_UPLOAD,
        /** Uploaded without this server's signature: untrusted, its schema SQL never runs unless an admin asks. */
        UPLOAD
    }

    protected BackupPackage() {}

    public BackupPackage(String source, String scope, Instant createdAt, Instant completedAt, long sizeBytes,
                         String file, String sha256, String countsJson, long totalRows, Long jobInstanceId,
                         Long jobExecutionId, String createdBy) {
        this.source = source;
        this.scope = scope;
        this.createdAt = createdAt;
        this.completedAt = completedAt;
        this.durationMillis = completedAt.toEpochMilli() - createdAt.toEpochMilli();
        this.sizeBytes = sizeBytes;
        this.file = file;
        this.sha256 = sha256;
        this.countsJson = countsJson;
        this.totalRows = totalRows;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
        this.createdBy = createdBy;
        this.origin = jobInstanceId != null ? Origin.BACKUP : Origin.UPLOAD;
        this.cataloguedAt = Instant.now();
    }

    /**
     * A package catalogued from a repository (a rescan), now brought back to this server's disk as {@code file}:
     * its counts as its own manifest says, and trusted only if it carries this server's signature.
     */
    void fetched(String file, String countsJson, long totalRows, boolean signedHere) {
        this.file = file;
        this.countsJson = countsJson;
        this.totalRows = totalRows;
        if (origin == Origin.UPLOAD && signedHere) {
            origin = Origin.SIGNED_UPLOAD;
        }
    }

    /** Marks an upload as carrying this server's signature (see {@link Origin#SIGNED_UPLOAD}). */
    public BackupPackage signed() {
        if (origin == Origin.UPLOAD) {
            origin = Origin.SIGNED_UPLOAD;
        }
        return this;
    }

    public Long getId() { return id; }
    public String getSource() { return source; }
    public String getScope() { return scope; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getCompletedAt() { return completedAt; }
    public long getDurationMillis() { return durationMillis; }
    public long getSizeBytes() { return sizeBytes; }
    public String getFile() { return file; }
    public String getSha256() { return sha256; }
    public String getCountsJson() { return countsJson; }

    /** Rows per table, in the order the backup wrote them. */
    public java.util.Map<String, Long> counts() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(countsJson,
                    new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Long>>() {});
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalStateException("counts of package " + id + " are not valid JSON", e);
        }
    }
    public long getTotalRows() { return totalRows; }
    public Long getJobInstanceId() { return jobInstanceId; }
    public Long getJobExecutionId() { return jobExecutionId; }
    public String getCreatedBy() { return createdBy; }

    public Origin getOrigin() {
        return origin != null ? origin : jobInstanceId != null ? Origin.BACKUP : Origin.UPLOAD;
    }

    /** Written by this server (its own backup, or an upload carrying its signature). */
    public boolean trusted() {
        return getOrigin() != Origin.UPLOAD;
    }

    /** Whether a server backup (not an upload) made this package. */
    public boolean madeHere() {
        return getOrigin() == Origin.BACKUP;
    }

    /** When this server catalogued it (its completion time for rows older than the column). */
    public Instant getCataloguedAt() {
        return cataloguedAt != null ? cataloguedAt : completedAt != null ? completedAt : createdAt;
    }
}
