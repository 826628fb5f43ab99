package org.lifeboat.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** Where the copy of one package in one repository stands (off-site repositories, issue 15). */
@Entity
@Table(name = "lifeboat_copy")
@NamedQuery(name = "PackageCopy.ofBackup",
        query = "SELECT c FROM PackageCopy c WHERE c.backupId = :backup ORDER BY c.repository")
@NamedQuery(name = "PackageCopy.ofBackups",
        query = "SELECT c FROM PackageCopy c WHERE c.backupId IN :backups ORDER BY c.backupId, c.repository")
@NamedQuery(name = "PackageCopy.byKey",
        query = "SELECT c FROM PackageCopy c WHERE c.repository = :repository AND c.objectKey = :key")
@NamedQuery(name = "PackageCopy.unfinished",
        query = "SELECT c FROM PackageCopy c, BackupPackage b WHERE b.id = c.backupId AND b.source = :source"
                + " AND c.repository = :repository AND c.backupId <> :except AND c.state IN :states"
                + " ORDER BY c.backupId DESC")
@NamedQuery(name = "PackageCopy.one",
        query = "SELECT c FROM PackageCopy c WHERE c.backupId = :backup AND c.repository = :repository")
public class PackageCopy {

    /** pending: to be copied; copied: complete under its key, size and SHA-256 checked; verified: read back and
     *  every checksum and count checked; failed: see the reason. */
    public enum State { PENDING, COPIED, VERIFIED, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private long backupId;

    @Column(nullable = false, length = 64)
    private String repository;

    @Column(nullable = false, length = 2000)
    private String objectKey;

    @Column(nullable = false, length = 16)
    @Enumerated(EnumType.STRING)
    private State state;

    @Column(columnDefinition = "text")
    private String reason;

    /** Bytes written and how long the copy took (0 until copied). */
    private long bytes;

    private long millis;

    @Column(nullable = false)
    private Instant updatedAt;

    /** The object's SHA-256 when it is not the package's own (an encrypted copy); else null. */
    @Column(length = 64)
    private String objectSha256;

    /** Whom the object is encrypted for ({@code openpgp AES-256, keys …, passphrase}); null: not encrypted. */
    @Column(length = 2000)
    private String encryption;

    protected PackageCopy() {}

    public PackageCopy(long backupId, String repository, String objectKey) {
        this.backupId = backupId;
        this.repository = repository;
        this.objectKey = objectKey;
        this.state = State.PENDING;
        this.updatedAt = Instant.now();
    }

    void set(State state, String reason) {
        this.state = state;
        this.reason = reason;
        this.updatedAt = Instant.now();
    }

    void measured(long bytes, long millis) {
        this.bytes = bytes;
        this.millis = millis;
    }

    void rekey(String objectKey) {
        this.objectKey = objectKey;
    }

    void sealed(String objectSha256, String encryption) {
        this.objectSha256 = objectSha256;
        this.encryption = encryption;
    }

    /** Complete under its key (COPIED or VERIFIED): a repository holds the package. */
    public boolean complete() { return state == State.COPIED || state == State.VERIFIED; }
    public boolean encrypted() { return encryption != null; }
    public String getObjectSha256() { return objectSha256; }
    public String getEncryption() { return encryption; }
    public long getBackupId() { return backupId; }
    public String getRepository() { return repository; }
    public String getObjectKey() { return objectKey; }
    public State getState() { return state; }
    public String getReason() { return reason; }
    public long getBytes() { return bytes; }
    public long getMillis() { return millis; }
    public Instant getUpdatedAt() { return updatedAt; }
}
