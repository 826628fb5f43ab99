package org.lifeboat.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/**
 * Server-side settings, read from system properties that {@code wildfly-config/cli/lifeboat.cli} defines (each
 * overridable by an environment variable). Defaults sit under the server's data dir.
 */
@ApplicationScoped
public class LifeboatSettings {

    public static final String VERSION = "0.1.0";

    public Path backupDir() {
        return dir("lifeboat.backup.dir", "backups");
    }

    public Path workDir() {
        return dir("lifeboat.work.dir", "work");
    }

    public Path sourcesDir() {
        return dir("lifeboat.sources.dir", "sources");
    }

    /**
     * The key this server signs its packages with (created on first use, mode 0600). Beside, not inside, the
     * backup folder: packages copied off the server must not carry the key that makes them trusted.
     */
    public Path signingKeyFile() {
        String value = System.getProperty("lifeboat.signing.key");
        return value != null ? Path.of(value)
                : Path.of(System.getProperty("jboss.server.data.dir", "."), "lifeboat", "package-signing.key");
    }

    public Path profilesDir() {
        String value = System.getProperty("lifeboat.profiles.dir");
        return value != null ? Path.of(value)
                : Path.of(System.getProperty("jboss.server.config.dir", "."), "lifeboat", "profiles");
    }

    /** Largest package accepted by POST /backups/upload (bytes). */
    public long uploadMaxBytes() {
        return Long.getLong("lifeboat.upload.max-bytes", 20L << 30);
    }

    /** Largest file accepted by a department or subsystem import (bytes; the HMS plan's 50 MB). */
    public long importMaxBytes() {
        return Long.getLong("lifeboat.import.max-bytes", 50L << 20);
    }

    /**
     * Largest package (rows) whose dry run {@code POST /restores} answers in the request; a larger one is rehearsed
     * by a {@code dry-run} job (202), so no request runs for longer than a bounded time.
     */
    public long dryRunMaxSyncRows() {
        return Long.getLong("lifeboat.dry-run.max-sync-rows", 1_000_000L);
    }

    /**
     * The passphrase that encrypts secret files in packages; empty when none is configured. Kept in the server's
     * Elytron credential store ({@link org.lifeboat.security.PassphraseStore}); seeded from, or without a store
     * read from, the file {@code LIFEBOAT_SECRETS_PASSPHRASE_FILE} (a Docker secret; it must not be readable by group or
     * others) or the environment variable {@code LIFEBOAT_SECRETS_PASSPHRASE}: never a system property, so the
     * management API and the JVM's platform MBean do not show it, and never logged.
     */
    public char[] secretsPassphrase() {
        return org.lifeboat.security.PassphraseStore.passphrase(passphraseFromEnvironment());
    }

    private static char[] passphraseFromEnvironment() {
        String file = System.getenv("LIFEBOAT_SECRETS_PASSPHRASE_FILE");
        if (file != null && !file.isBlank()) {
            Path path = Path.of(file);
            try {
                java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = java.nio.file.Files
                        .getPosixFilePermissions(path);
                if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                    throw new IllegalStateException("the secrets passphrase file " + file + " is readable by others ("
                            + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "): chmod 600 it");
                }
                String text = java.nio.file.Files.readString(path);
                return text.strip().toCharArray(); // a trailing newline is not part of the passphrase
            } catch (java.io.IOException e) {
                throw new IllegalStateException("the secrets passphrase file " + file + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        String env = System.getenv("LIFEBOAT_SECRETS_PASSPHRASE");
        return env == null ? new char[0] : env.toCharArray();
    }

    private static Path dir(String property, String fallback) {
        String value = System.getProperty(property);
        return value != null ? Path.of(value)
                : Path.of(System.getProperty("jboss.server.data.dir", "."), "lifeboat", fallback);
    }
}
