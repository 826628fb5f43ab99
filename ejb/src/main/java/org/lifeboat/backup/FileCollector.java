package org.lifeboat.backup;

import org.lifeboat.archive.PackageSealer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.lifeboat.archive.EntryNames;
import org.lifeboat.archive.Manifest;

/**
 * Copies the files of a storage root (or single configuration files) into a backup's work folder, hashing them
 * as they are copied, so the package holds exactly the bytes that were hashed even if the application changes
 * a file meanwhile. Roots are walked in a stable order (relative path, byte order). Symbolic links are never
 * followed: a link that stays inside its root is kept as a link, one that leaves it is skipped and reported.
 * Anything else that cannot be read as a regular file fails the backup with the file's path.
 */
public final class FileCollector {

    private FileCollector() {}

    /** The files of one storage root, copied under {@code copyRoot}; skipped links are added to {@code skipped}. */
    public static List<Manifest.StoredFile> collectRoot(String rootName, Path root, Path copyRoot,
                                                        List<Manifest.SkippedFile> skipped) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            throw new StorageReadException(root, "the storage root '" + rootName + "' is not a folder", null);
        }
        Path realRoot = root.toRealPath();
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                found.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                throw new StorageReadException(file, reason(e), e);
            }
        });
        found.sort((a, b) -> relative(root, a).compareTo(relative(root, b)));
        List<Manifest.StoredFile> files = new ArrayList<>();
        for (Path file : found) {
            String path = relative(root, file);
            String entry = "storage/" + rootName + "/" + path;
            if (Files.isSymbolicLink(file)) {
                Path target = Files.readSymbolicLink(file);
                Path real = realTarget(file, target);
                if (target.isAbsolute() || real == null || !real.startsWith(realRoot) || real.equals(realRoot)) {
                    skipped.add(new Manifest.SkippedFile(rootName, path, "symbolic link to " + target
                            + " leaves the storage root; links are not followed"));
                } else {
                    files.add(new Manifest.StoredFile(rootName, path, entry, 0, null, target.toString()));
                }
                continue;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageReadException(file, "not a regular file (a pipe, socket or device cannot be backed up)",
                        null);
            }
            Digest d = copy(file, copyRoot.resolve(rootName).resolve(path));
            files.add(new Manifest.StoredFile(rootName, path, entry, d.bytes(), d.sha256(), null));
        }
        return files;
    }

    /**
     * Where a link really leads, every link on the way followed by the filesystem (never by reading its text:
     * {@code a/../..} climbs from wherever the link {@code a} points). A dangling link is judged by its text only
     * when it has no {@code ..} after a name; otherwise null (it cannot be shown to stay inside).
     */
    static Path realTarget(Path link, Path target) throws IOException {
        if (Files.exists(link)) {
            return link.toRealPath();
        }
        if (EntryNames.climbsAfterName(target.toString())) {
            return null;
        }
        return link.getParent().toRealPath().resolve(target).normalize();
    }

    /** One configuration file (a path relative to the sources folder), copied under {@code copyRoot}. */
    public static Manifest.StoredFile collectFile(String entryFolder, Path sourcesDir, String relativePath,
                                                  Path copyRoot) throws IOException {
        Path file = sourcesDir.resolve(relativePath).normalize();
        if (!file.startsWith(sourcesDir.normalize())) {
            throw new StorageReadException(file, "it lies outside the sources folder", null);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new StorageReadException(file, Files.isSymbolicLink(file) ? "it is a symbolic link; configuration "
                    + "files are read only as regular files, links are not followed"
                    : Files.exists(file) ? "not a regular file" : "the profile lists it but it does not exist", null);
        }
        if (!file.toRealPath().startsWith(sourcesDir.toRealPath())) {
            throw new StorageReadException(file, "a folder on its path is a symbolic link that leaves the sources "
                    + "folder; links are not followed", null);
        }
        Digest d = copy(file, copyRoot.resolve(relativePath));
        return new Manifest.StoredFile(null, relativePath, entryFolder + "/" + relativePath, d.bytes(), d.sha256(), null);
    }

    record Digest(String sha256, long bytes) {}

    private static Digest copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        MessageDigest sha = PackageSealer.sha256();
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(from, LinkOption.NOFOLLOW_LINKS);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(to), sha)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                bytes += n;
            }
        } catch (NoSuchFileException | AccessDeniedException e) {
            throw new StorageReadException(from, reason(e), e);
        } catch (IOException e) {
            if (e instanceof StorageReadException) {
                throw e;
            }
            throw new StorageReadException(from, reason(e), e);
        }
        return new Digest(HexFormat.of().formatHex(sha.digest()), bytes);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it disappeared while the backup ran";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

}
