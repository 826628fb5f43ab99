package org.lifeboat.catalog;

import org.lifeboat.archive.PackageSealer;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.UUID;
import org.lifeboat.archive.InvalidPackageException;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.UploadInspector;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.source.SourceRegistry;

/**
 * Takes in an uploaded package: untrusted until proven otherwise. The upload is written to a temporary file in
 * the backup folder's {@code .incoming} while its size is counted (and cut off past the cap), inspected entry by entry, and only then
 * moved into the backup folder and catalogued, as {@link BackupPackage.Origin#SIGNED_UPLOAD} when it carries this
 * server's signature, else as an untrusted {@link BackupPackage.Origin#UPLOAD}. A refused upload leaves nothing
 * behind.
 */
@Stateless
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED) // uploads outlast transactions
public class PackageIntake {

    /** The upload is larger than allowed. */
    public static class TooLargeException extends IOException {
        public TooLargeException(long cap) {
            super("the upload exceeds " + cap + " bytes (" + (cap >> 20) + " MB), the configured limit");
        }
    }

    /** The earliest {@code createdAt} a package may claim. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * The caller's check refused the package ({@link #refusal()} is what it threw). Checked, so the container takes
     * it for the user error it is: no EJB system-exception stack trace in the log.
     */
    public static class RefusedException extends IOException {
        public RefusedException(RuntimeException refusal) {
            super(refusal.getMessage(), refusal);
        }

        public RuntimeException refusal() {
            return (RuntimeException) getCause();
        }
    }

    @Inject
    LifeboatSettings settings;

    @Inject
    SourceRegistry sources;

    @Inject
    PackageCatalog catalog;

    @Inject
    org.lifeboat.security.PackageSigningKey signingKey;

    public BackupPackage accept(InputStream upload, String fileName, long cap, String user) throws IOException {
        return accept(upload, fileName, cap, user, manifest -> { });
    }

    /**
     * Like {@link #accept(InputStream, String, long, String)}, with a check of the manifest (e.g. an import's
     * source and scope) that may refuse the package before anything is kept.
     */
    public BackupPackage accept(InputStream upload, String fileName, long cap, String user,
                                java.util.function.Consumer<Manifest> check) throws IOException {
        // received beside the backups (one filesystem), so the final rename is atomic even when the work folder
        // is another mount (as in the Docker compose file)
        Path incoming = settings.backupDir().resolve(".incoming");
        Files.createDirectories(incoming);
        Path temp = incoming.resolve(UUID.randomUUID() + ".upload");
        try {
            String sha = copyCapped(upload, temp, cap);
            Manifest manifest = UploadInspector.inspect(temp, UploadInspector.Limits.defaults().withMaxFileBytes(cap));
            Instant createdAt = claimedCreation(manifest.createdAt(), Instant.now());
            sources.profile(manifest.source()); // the source must exist here
            try {
                check.accept(manifest);
            } catch (RuntimeException refused) {
                throw new RefusedException(refused);
            }
            String name = "uploaded-" + Instant.now().toEpochMilli() + "-" + safe(fileName);
            Path target = settings.backupDir().resolve(manifest.source()).resolve(name);
            Files.createDirectories(target.getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            String counts = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(manifest.rowsPerTable());
            long total = manifest.totalRows();
            BackupPackage p = new BackupPackage(manifest.source(), manifest.scope(), createdAt, Instant.now(),
                    Files.size(target), target.toString(), sha, counts, total, null, null,
                    user);
            try {
                // the inspector checked every entry against the manifest, so a signed manifest vouches for them all
                return catalog.record(signingKey.signedHere(target) ? p.signed() : p);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target); // not catalogued: no file of it stays
                throw e;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Writes a package's bytes (decrypting them on the way, for an encrypted copy). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What a repository gave back is not the package the catalog lists. */
    public static class NotTheCataloguedPackageException extends IOException {
        public NotTheCataloguedPackageException(String message) {
            super(message);
        }
    }

    /**
     * Brings the package {@code remote} (catalogued from a repository by a rescan, no file here) back to the backup
     * folder: {@code content} is written to {@code .incoming} (capped at the catalogued size), must have the
     * catalogued SHA-256, is inspected entry by entry like an upload, must name the catalogued source and scope, and
     * only then is moved to {@code <backup dir>/<source>/<name>} and becomes the package's file, trusted if it
     * carries this server's signature. Anything refused leaves nothing behind and the catalog as it was.
     */
    public BackupPackage bringBack(BackupPackage remote, String name, Content content) throws IOException {
        Path incoming = settings.backupDir().resolve(".incoming");
        Files.createDirectories(incoming);
        Path temp = incoming.resolve(UUID.randomUUID() + ".fetch");
        String where = "package " + remote.getId() + " (" + remote.getFile() + ")";
        try {
            String sha;
            Files.createFile(temp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            MessageDigest digest = PackageSealer.sha256();
            try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(
                    new CappedOutputStream(Files.newOutputStream(temp), remote.getSizeBytes(), where), 1 << 16),
                    digest)) {
                content.writeTo(out);
            }
            sha = HexFormat.of().formatHex(digest.digest());
            if (!sha.equals(remote.getSha256()) || Files.size(temp) != remote.getSizeBytes()) {
                throw new NotTheCataloguedPackageException(where + " came back as " + Files.size(temp)
                        + " bytes with SHA-256 " + sha + "; the catalog lists " + remote.getSizeBytes()
                        + " bytes, SHA-256 " + remote.getSha256() + ": nothing was kept");
            }
            Manifest manifest = UploadInspector.inspect(temp,
                    UploadInspector.Limits.defaults().withMaxFileBytes(remote.getSizeBytes()));
            if (!remote.getSource().equals(manifest.source()) || !remote.getScope().equals(manifest.scope())) {
                throw new NotTheCataloguedPackageException(where + " holds source '" + manifest.source()
                        + "', scope '" + manifest.scope() + "', but was catalogued as source '" + remote.getSource()
                        + "', scope '" + remote.getScope() + "' (its sidecar does not match it): nothing was kept");
            }
            sources.profile(manifest.source()); // the source must exist here
            Path folder = settings.backupDir().resolve(manifest.source());
            Files.createDirectories(folder);
            Path target = folder.resolve(safe(name));
            if (Files.exists(target)) {
                target = folder.resolve("fetched-" + Instant.now().toEpochMilli() + "-" + safe(name));
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            String counts = new com.fasterxml.jackson.databind.ObjectMapper()
                    .writeValueAsString(manifest.rowsPerTable());
            long total = manifest.totalRows();
            try {
                return catalog.fetched(remote.getId(), target.toString(), counts, total,
                        signingKey.signedHere(target));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Refuses to write past the catalogued size: a longer object is not the package. */
    private static final class CappedOutputStream extends java.io.FilterOutputStream {
        private final long cap;
        private final String where;
        private long written;

        CappedOutputStream(OutputStream out, long cap, String where) {
            super(out);
            this.cap = cap;
            this.where = where;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > cap) {
                throw new NotTheCataloguedPackageException(where + " is longer than the " + cap
                        + " bytes the catalog lists: nothing was kept");
            }
            out.write(b, off, len);
        }
    }

    /**
     * The time the manifest says the package was made, if a Lifeboat server can have made it then: not before
     * {@link #EARLIEST}, not later than a day from now (clocks differ). Anything else is a broken or forged
     * manifest, refused before anything is kept.
     */
    static Instant claimedCreation(String createdAt, Instant now) throws InvalidPackageException {
        Instant claimed;
        try {
            claimed = Instant.parse(createdAt);
        } catch (DateTimeParseException | NullPointerException e) {
            throw invalidCreation("createdAt '" + createdAt + "' is not an ISO-8601 UTC instant");
        }
        Instant latest = now.plus(Duration.ofDays(1));
        if (claimed.isBefore(EARLIEST) || claimed.isAfter(latest)) {
            throw invalidCreation("createdAt " + createdAt + " is not a time this package can have been made: it "
                    + "must lie between " + EARLIEST + " and a day from now (" + latest + ")");
        }
        return claimed;
    }

    private static InvalidPackageException invalidCreation(String problem) {
        return new InvalidPackageException(InvalidPackageException.Reason.MANIFEST_INVALID_FIELD, Manifest.ENTRY_NAME,
                Manifest.ENTRY_NAME + ": " + problem);
    }

    private static String copyCapped(InputStream in, Path target, long cap) throws IOException {
        MessageDigest sha = PackageSealer.sha256();
        long total = 0;
        byte[] buffer = new byte[1 << 16];
        // the service's own user only: packages hold every row of a source
        Files.createFile(target, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > cap) {
                    throw new TooLargeException(cap);
                }
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String safe(String fileName) {
        String name;
        try {
            Path last = fileName == null ? null : Path.of(fileName.replace('\\', '/')).getFileName();
            name = last == null ? "package.tar" : last.toString(); // "/" has no file name
        } catch (java.nio.file.InvalidPathException e) {
            name = "package.tar";
        }
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "package.tar" : name;
    }

}
