package org.lifeboat.backup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.lifeboat.archive.SecretEnvelope;

/**
 * Puts a source's secret files into one tar and encrypts it with the server's passphrase ({@code gpg -d |
 * tar x} opens it). The tar is built in memory, never on disk in clear; secrets are small, so their total
 * size is capped.
 */
public final class SecretsSealer {

    public static final String ENTRY = "secrets/secrets.tar.gpg";
    public static final String ENCRYPTION = "OpenPGP (RFC 4880): AES-256, SEIPD with MDC, iterated+salted SHA-256 S2K "
            + "(65011712 bytes); open with gpg -d";
    static final long MAX_BYTES = 16L << 20;

    private SecretsSealer() {}

    public static void seal(Path sourcesDir, List<String> files, char[] passphrase, OutputStream out)
            throws IOException {
        if (passphrase == null || passphrase.length == 0) {
            throw new IOException("the profile lists secret files but no passphrase is configured: set the "
                    + "environment variable LIFEBOAT_SECRETS_PASSPHRASE (or LIFEBOAT_SECRETS_PASSPHRASE_FILE)"
                    + " of the server; secrets are never written in clear");
        }
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        long total = 0;
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String relative : files) {
                Path file = sourcesDir.resolve(relative).normalize();
                if (!file.startsWith(sourcesDir.normalize()) || !Files.isRegularFile(file)) {
                    throw new StorageReadException(file, Files.exists(file) ? "not a regular file inside the sources folder"
                            : "the profile lists it as a secret but it does not exist", null);
                }
                total += Files.size(file);
                if (total > MAX_BYTES) {
                    throw new StorageReadException(file, "secret files exceed " + (MAX_BYTES >> 20) + " MB in all", null);
                }
                TarArchiveEntry entry = new TarArchiveEntry(relative);
                entry.setSize(Files.size(file));
                entry.setMode(0100600);
                entry.setModTime(Files.getLastModifiedTime(file).toMillis());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        SecretEnvelope.seal(new ByteArrayInputStream(tarBytes.toByteArray()), "secrets.tar", passphrase, out);
    }
}
