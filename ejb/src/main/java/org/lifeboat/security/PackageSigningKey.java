package org.lifeboat.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.lifeboat.archive.PackageSignature;
import org.lifeboat.config.LifeboatSettings;

/**
 * The server's own package-signing key: 32 random bytes generated on first use and kept, readable by the server
 * only (mode 0600), in {@link LifeboatSettings#signingKeyFile()}. Packages it signs are trusted when they come back
 * as uploads; a package signed by any other key, or not at all, is not.
 */
@ApplicationScoped
public class PackageSigningKey {

    private static final int KEY_BYTES = 32;

    @Inject
    LifeboatSettings settings;

    private byte[] key;

    /** The signature entry for a manifest this server writes. */
    public byte[] sign(byte[] manifest) {
        return PackageSignature.create(key(), manifest);
    }

    /** Whether the package file carries a signature of its manifest made with this server's key. */
    public boolean signedHere(Path packageFile) throws IOException {
        PackageSignature.Signed signed = PackageSignature.read(packageFile);
        return signed.signature().map(s -> PackageSignature.verifies(key(), signed.manifest(), s)).orElse(false);
    }

    synchronized byte[] key() {
        if (key == null) {
            try {
                key = loadOrCreate(settings.signingKeyFile());
            } catch (IOException e) {
                throw new UncheckedIOException("the package-signing key " + settings.signingKeyFile()
                        + " cannot be read or created: " + e.getMessage(), e);
            }
        }
        return key;
    }

    /** Reads the key, or creates it (atomically: two servers sharing a data dir end up with one key). */
    static byte[] loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] fresh = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(fresh);
        Path temp = file.resolveSibling(file.getFileName() + ".new-" + ProcessHandle.current().pid());
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, fresh);
            try {
                Files.createLink(file, temp); // fails if another process created the key first
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            return fresh;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != KEY_BYTES) {
            throw new IOException(file + " holds " + bytes.length + " bytes, not a " + KEY_BYTES + "-byte key");
        }
        return bytes;
    }
}
