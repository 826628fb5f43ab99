package org.lifeboat.audit;

import org.lifeboat.logging.LifeboatLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The newest audit entry the server committed (its id and hash), kept outside the audit table: a chain that
 * still verifies but ends before this entry had its newest rows cut off. Written after every audit commit, in
 * the data folder beside the work folder ({@code lifeboat.audit.anchor} overrides), mode 0600, by an atomic rename.
 */
final class AuditAnchor {


    /** The anchored entry. */
    record Anchor(long id, String hash) {}

    private static long written = -1;

    private AuditAnchor() {}

    static Path file() {
        String configured = System.getProperty("lifeboat.audit.anchor");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path work = new org.lifeboat.config.LifeboatSettings().workDir().toAbsolutePath();
        return work.resolveSibling("audit.anchor");
    }

    /** Moves the anchor to a newly committed entry (never backwards: commits may finish out of order). */
    static synchronized void advance(long id, String hash) {
        if (id <= written) {
            return;
        }
        Path file = file();
        try {
            Optional<Anchor> current = read();
            if (current.isPresent() && current.get().id() >= id) {
                written = current.get().id();
                return;
            }
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, id + " " + hash + "\n", StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = id;
        } catch (IOException | RuntimeException e) {
            LifeboatLog.LOG.auditAnchorNotWritten(String.valueOf(file), e.getMessage());
        }
    }

    static Optional<Anchor> read() throws IOException {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
        if (parts.length != 2) {
            throw new IOException("the audit anchor " + file + " is not '<id> <hash>'");
        }
        return Optional.of(new Anchor(Long.parseLong(parts[0]), parts[1]));
    }
}
