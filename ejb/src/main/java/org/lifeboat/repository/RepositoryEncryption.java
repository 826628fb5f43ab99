package org.lifeboat.repository;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lifeboat.archive.PackageDecryptionKey;
import org.lifeboat.archive.PackageRecipients;

/**
 * How packages copied to a repository are encrypted: for the OpenPGP public keys in {@code recipients} (files
 * beside repositories.yaml, as {@code gpg --export -a} writes them) and/or a passphrase. The server needs only the
 * public keys to back up. What it may decrypt with on its own (verify a copy's contents, restore without being
 * given a key): the passphrase, or a private key file with the passphrase that protects it; with neither, the key
 * is given with the fetch that brings a package back ({@code POST /backups/{id}/fetch}).
 */
public record RepositoryEncryption(List<Path> recipients, SecretRef passphrase, Path privateKeyFile,
                                   SecretRef privateKeyPassphrase) {

    public RepositoryEncryption {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** Whom new packages are encrypted for: the public keys as the files hold them now, and the passphrase. */
    public PackageRecipients recipientsFor(String repository) throws IOException {
        PackageRecipients keys = PackageRecipients.keyFiles(recipients);
        char[] secret = passphrase == null ? null : passphrase.require(repository, "the encryption passphrase");
        return new PackageRecipients(keys.keys(), secret);
    }

    /** The key this server may decrypt the repository's packages with, if it holds one. */
    public Optional<PackageDecryptionKey> serverKey() throws IOException {
        if (passphrase != null) {
            Optional<char[]> secret = passphrase.value();
            if (secret.isPresent()) {
                return Optional.of(PackageDecryptionKey.passphrase(secret.get()));
            }
        }
        if (privateKeyFile != null) {
            char[] keyPassphrase = privateKeyPassphrase == null ? new char[0]
                    : privateKeyPassphrase.value().orElse(new char[0]);
            return Optional.of(PackageDecryptionKey.privateKeyFile(privateKeyFile, keyPassphrase));
        }
        return Optional.empty();
    }

    /** What a person reads in the catalog: {@code openpgp AES-256, keys 0123…, passphrase}. */
    public static String describe(List<String> keyIds, boolean passphrase) {
        StringBuilder s = new StringBuilder("openpgp AES-256");
        if (!keyIds.isEmpty()) {
            s.append(", keys ").append(String.join(" ", keyIds));
        }
        if (passphrase) {
            s.append(", passphrase");
        }
        return s.toString();
    }
}
