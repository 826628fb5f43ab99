package org.lifeboat.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The small clear-text file beside an encrypted package, {@code <package>.meta.json}: what a catalog needs to list
 * the package as a recovery point without its key (source, scope, times, sizes, counts, checksums, whom it is
 * encrypted for), and no row data, no table or file names. Documented in {@code docs/FORMAT.md}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PackageSidecar(
        int sidecarVersion,
        String packageName,
        int formatVersion,
        String source,
        String scope,
        String createdAt,
        String completedAt,
        String lifeboatVersion,
        String postgresVersion,
        Counts counts,
        Checksum clear,
        Checksum encrypted,
        Encryption encryption) {

    public static final int VERSION = 1;
    public static final String SUFFIX = ".meta.json";

    /** How much the package holds, for a listing. */
    public record Counts(int tables, long rows, int sequences, int storageFiles, int configurationFiles,
            int secretFiles) {}

    /** Size and SHA-256 (lower-case hex) of a file. */
    public record Checksum(long bytes, String sha256) {}

    /** How the package is encrypted: whom for (key ids as gpg prints them) and whether a passphrase opens it. */
    public record Encryption(String format, String cipher, String integrity, List<String> recipients,
            boolean passphrase) {}

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The sidecar of the encrypted package {@code packageName}: its manifest and what encrypting it measured. */
    public static PackageSidecar of(Manifest manifest, String packageName, PackageEncryption.Encrypted encrypted) {
        long rows = manifest.tables() == null ? 0 : manifest.tables().stream().mapToLong(Manifest.TableEntry::rows)
                .sum();
        Counts counts = new Counts(size(manifest.tables()), rows, size(manifest.sequences()),
                size(manifest.storage()), size(manifest.configuration()),
                manifest.secrets() == null ? 0 : size(manifest.secrets().files()));
        return new PackageSidecar(VERSION, packageName, manifest.formatVersion(), manifest.source(),
                manifest.scope(), manifest.createdAt(), manifest.completedAt(), manifest.lifeboatVersion(),
                manifest.postgresVersion(), counts,
                new Checksum(encrypted.clearBytes(), encrypted.clearSha256()),
                new Checksum(encrypted.encryptedBytes(), encrypted.encryptedSha256()),
                new Encryption("openpgp", "AES-256", "SEIPD-v1-MDC", encrypted.recipientKeyIds(),
                        encrypted.passphrase()));
    }

    /** Where the sidecar of an encrypted package lives: beside it, its name plus {@value #SUFFIX}. */
    public static Path pathFor(Path encryptedPackage) {
        return encryptedPackage.resolveSibling(encryptedPackage.getFileName() + SUFFIX);
    }

    /** Writes it beside the package, as {@code .partial}, forced and renamed, like the package itself. */
    public Path writeBeside(Path encryptedPackage) throws IOException {
        Path target = pathFor(encryptedPackage);
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(JSON.writeValueAsBytes(this)));
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    /** A sidecar read from elsewhere (a repository): refused unless it names a package, a source and checksums. */
    public static PackageSidecar fromJson(byte[] json, String where) throws IOException {
        PackageSidecar s;
        try {
            s = JSON.readValue(json, PackageSidecar.class);
        } catch (IOException e) {
            throw new IOException(where + " is not a package sidecar: " + e.getMessage(), e);
        }
        if (s == null || s.source() == null || s.scope() == null || s.createdAt() == null || s.clear() == null
                || s.clear().sha256() == null || s.encrypted() == null || s.encrypted().sha256() == null) {
            throw new IOException(where + " is not a package sidecar: source, scope, createdAt, clear and encrypted "
                    + "checksums are required");
        }
        return s;
    }

    public static PackageSidecar read(Path sidecar) throws IOException {
        return JSON.readValue(sidecar.toFile(), PackageSidecar.class);
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
