package org.lifeboat.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audited action, allowed or refused: who did what, to what, with which outcome. */
@Entity
@Table(name = "lifeboat_audit")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String username;

    @Column(nullable = false)
    private String action;

    private String scope;

    private String target;

    @Column(nullable = false)
    private String status;

    @Column(length = 1000)
    private String fileName;

    private Long jobExecutionId;

    @Column(length = 4000)
    private String details;

    /** Hash of the previous entry ({@code GENESIS} for the first): each entry seals its predecessor. */
    @Column(length = 64)
    private String previousHash;

    @Column(length = 64)
    private String hash;

    protected AuditEntry() {}

    AuditEntry(String username, String action, String scope, String target, String status, String fileName,
               Long jobExecutionId, String details) {
        this.occurredAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        this.username = username;
        this.action = action;
        this.scope = scope;
        this.target = target;
        this.status = status;
        this.fileName = fileName;
        this.jobExecutionId = jobExecutionId;
        this.details = details == null || details.length() <= 4000 ? details : details.substring(0, 3997) + "...";
    }

    public Long getId() { return id; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getUsername() { return username; }
    public String getAction() { return action; }
    public String getScope() { return scope; }
    public String getTarget() { return target; }
    public String getStatus() { return status; }
    public String getFileName() { return fileName; }
    public Long getJobExecutionId() { return jobExecutionId; }
    public String getDetails() { return details; }
    public String getPreviousHash() { return previousHash; }
    public String getHash() { return hash; }

    void seal(String previous) {
        this.previousHash = previous;
        this.hash = computeHash(previous);
    }

    /**
     * SHA-256 over the previous hash and every field, each length-prefixed so no two different entries can
     * produce the same text. Timestamps are taken at microsecond precision, as PostgreSQL stores them.
     */
    String computeHash(String previous) {
        StringBuilder text = new StringBuilder();
        for (Object field : new Object[] {previous, occurredAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS),
                username, action, scope, target, status, fileName, jobExecutionId, details}) {
            String value = field == null ? "\u0000null" : field.toString();
            text.append(value.length()).append(':').append(value).append('|');
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
