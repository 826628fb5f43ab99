package org.lifeboat.archive;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Assembles a package: a POSIX tar whose first entry is the manifest. It is written under a temporary name
 * ({@code .partial}), forced to disk and only then renamed to its final name, so a package file under its final
 * name is always complete; a crash leaves at most a {@code .partial} file that nothing mistakes for a package.
 */
public final class PackageSealer {

    public static final String PARTIAL_SUFFIX = ".partial";

    /**
     * An entry to be: its name in the package and the files whose concatenation is its content, or, for a
     * symbolic link kept from a storage root, its link target (and no parts).
     */
    public record SourceEntry(String name, List<Path> parts, String linkTarget) {
        public SourceEntry(String name, List<Path> parts) {
            this(name, parts, null);
        }
    }

    /** The digest of an entry's content. */
    public record Digest(String sha256, long bytes) {}

    private PackageSealer() {}

    public static Digest digest(SourceEntry entry) throws IOException {
        MessageDigest sha = sha256();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        for (Path part : entry.parts()) {
            try (InputStream in = new DigestInputStream(Files.newInputStream(part), sha)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                }
            }
        }
        return new Digest(HexFormat.of().formatHex(sha.digest()), bytes);
    }

    /** Writes an unsigned package and returns its size and SHA-256. */
    public static Digest seal(Path target, byte[] manifest, List<SourceEntry> entries, Instant modified)
            throws IOException {
        return seal(target, manifest, null, entries, modified);
    }

    /**
     * Writes the package and returns its size and SHA-256.
     *
     * @param signature the {@link PackageSignature} entry, written right after the manifest; null for none
     */
    public static Digest seal(Path target, byte[] manifest, byte[] signature, List<SourceEntry> entries,
                              Instant modified) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
        String sha;
        Files.deleteIfExists(partial); // a leftover of a crash: start afresh, with this file's own mode
        // packages hold every row of a source: readable by the service's own user only
        try (FileChannel channel = FileChannel.open(partial, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
            MessageDigest whole = sha256();
            OutputStream file = new BufferedOutputStream(new java.security.DigestOutputStream(
                    java.nio.channels.Channels.newOutputStream(channel), whole), 1 << 16);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(file, "UTF-8");
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.putArchiveEntry(header(Manifest.ENTRY_NAME, manifest.length, modified));
            tar.write(manifest);
            tar.closeArchiveEntry();
            if (signature != null) {
                tar.putArchiveEntry(header(PackageSignature.ENTRY_NAME, signature.length, modified));
                tar.write(signature);
                tar.closeArchiveEntry();
            }
            for (SourceEntry entry : entries) {
                if (entry.linkTarget() != null) {
                    TarArchiveEntry link = new TarArchiveEntry(entry.name(), TarArchiveEntry.LF_SYMLINK, true);
                    link.setLinkName(entry.linkTarget());
                    link.setModTime(modified.toEpochMilli());
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                    continue;
                }
                long size = 0;
                for (Path part : entry.parts()) {
                    size += Files.size(part);
                }
                tar.putArchiveEntry(header(entry.name(), size, modified));
                for (Path part : entry.parts()) {
                    Files.copy(part, tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
            file.flush();
            channel.force(true);
            sha = HexFormat.of().formatHex(whole.digest());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
        return new Digest(sha, Files.size(target));
    }

    private static TarArchiveEntry header(String name, long size, Instant modified) {
        TarArchiveEntry header = new TarArchiveEntry(name, true);
        header.setSize(size);
        header.setMode(0100640);
        header.setModTime(modified.toEpochMilli());
        header.setUserName("lifeboat");
        header.setGroupName("lifeboat");
        return header;
    }

    /** A SHA-256 digest: the one checksum of packages, their entries and files, everywhere in Lifeboat. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
