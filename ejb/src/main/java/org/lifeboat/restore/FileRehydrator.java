package org.lifeboat.restore;

import org.lifeboat.archive.PackageSealer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.lifeboat.archive.EntryNames;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.source.Profile;

/**
 * Brings storage (and, when asked, configuration) files back: first extracted aside and checked against their
 * SHA-256, before the database is touched; then, only after the database commit, moved into place, each file
 * through a temporary name in its target folder and an atomic rename.
 *
 * <p>Nothing on disk is trusted: a symbolic link an earlier restore (or anybody) left in a target's path is never
 * followed. Every folder on the way from the root to a file is checked without following links; a link where
 * the package needs a folder is replaced by a real folder. A link in the package may only point, by its text,
 * to a place inside its root, without {@code ..} after a name ({@code a/../..} means something else on disk when
 * {@code a} is a link), and no package entry may lie below one of the package's own links. Configuration files
 * come back only to the paths the profile lists, never to a secret's path; a replaced file keeps its mode, a new
 * configuration file is written 0600.
 */
public final class FileRehydrator {

    /** A checked file waiting in the work folder, where it goes, and the folder it must stay in. */
    public record StagedFile(Path staged, Path target, String link, Path base, boolean configuration) {}

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private FileRehydrator() {}

    /** A file of the package as the restore handles it: its manifest entry and where it is staged and goes. */
    private record Planned(Manifest.StoredFile stored, StagedFile file) {}

    /**
     * Checks every storage (and, when asked, configuration) file of the package against the profile and the disk,
     * then extracts each into {@code workFolder} and checks its SHA-256, each written through to disk (the
     * database commit that follows must not outlive the files it promises to place).
     */
    public static List<StagedFile> extract(PackageReader pkg, Manifest manifest, Profile profile, Path sourcesDir,
                                           Path workFolder, boolean storage, boolean configuration) throws IOException {
        return stage(pkg, plan(manifest, profile, sourcesDir, workFolder, storage, configuration, true), workFolder,
                false);
    }

    /**
     * The files an earlier {@link #extract} staged, for a restart after the database commit: a staged copy that is
     * there with its SHA-256 is kept, any other (lost with a crash) is extracted from the package again. The
     * folder checks of {@link #extract} are left to {@link #place}, whose sentence fits a committed database.
     */
    public static List<StagedFile> restage(PackageReader pkg, Manifest manifest, Profile profile, Path sourcesDir,
                                           Path workFolder, boolean storage, boolean configuration) throws IOException {
        return stage(pkg, plan(manifest, profile, sourcesDir, workFolder, storage, configuration, false), workFolder,
                true);
    }

    private static List<StagedFile> stage(PackageReader pkg, List<Planned> planned, Path workFolder,
                                          boolean keepIntact) throws IOException {
        List<StagedFile> files = new ArrayList<>();
        Set<Path> folders = new HashSet<>();
        for (Planned p : planned) {
            if (p.file().link() == null) {
                if (!(keepIntact && intact(p.file().staged(), p.stored().sha256()))) {
                    extractChecked(pkg, p.stored(), p.file().staged());
                    folders.add(p.file().staged().getParent());
                }
            }
            files.add(p.file());
        }
        syncFolders(folders);
        return files;
    }

    private static List<Planned> plan(Manifest manifest, Profile profile, Path sourcesDir, Path workFolder,
                                      boolean storage, boolean configuration, boolean checkFolders) {
        List<Planned> files = new ArrayList<>();
        if (storage && manifest.storage() != null) {
            Set<Path> packageLinks = new HashSet<>();
            for (Manifest.StoredFile f : manifest.storage()) {
                if (f.link() != null) {
                    packageLinks.add(rootDir(profile, sourcesDir, f.root()).resolve(f.path()).normalize());
                }
            }
            for (Manifest.StoredFile f : manifest.storage()) {
                Path rootDir = rootDir(profile, sourcesDir, f.root());
                Path target = inside(rootDir, f.path());
                for (Path p = target.getParent(); p != null && p.startsWith(rootDir) && !p.equals(rootDir);
                     p = p.getParent()) {
                    if (packageLinks.contains(p)) {
                        throw new RestoreException("the package puts '" + f.path() + "' below its own symbolic link '"
                                + rootDir.relativize(p) + "' of storage root '" + f.root() + "'; refused");
                    }
                }
                if (checkFolders) {
                    checkFolders(rootDir, target, "storage root '" + f.root() + "'");
                }
                if (f.link() != null) {
                    checkLinkTarget(rootDir, target, f);
                    files.add(new Planned(f, new StagedFile(null, target, f.link(), rootDir, false)));
                } else {
                    files.add(new Planned(f, new StagedFile(inside(workFolder, f.entry()), target, null, rootDir,
                            false)));
                }
            }
        }
        if (configuration && manifest.configuration() != null) {
            Path base = sourcesDir.normalize();
            Set<Path> listed = new HashSet<>();
            profile.configuration().forEach(c -> listed.add(base.resolve(c).normalize()));
            Set<Path> secrets = new HashSet<>();
            profile.secrets().forEach(s -> secrets.add(base.resolve(s).normalize()));
            for (Manifest.StoredFile f : manifest.configuration()) {
                Path target = inside(base, f.path());
                if (secrets.contains(target)) {
                    throw new RestoreException("the package would restore secret file '" + f.path() + "' as a "
                            + "configuration file; secrets are never restored that way; refused");
                }
                if (!listed.contains(target)) {
                    throw new RestoreException("the package holds configuration file '" + f.path() + "', which the "
                            + "profile of '" + profile.source() + "' does not list (it lists " + profile.configuration()
                            + "); only listed configuration files are restored; refused");
                }
                if (checkFolders) {
                    checkFolders(base, target, "the sources folder");
                }
                files.add(new Planned(f, new StagedFile(inside(workFolder, f.entry()), target, null, base, true)));
            }
        }
        return files;
    }

    /** Moves every staged file into place (after the database commit). Returns how many were placed. */
    public static int place(List<StagedFile> files) throws IOException {
        int placed = 0;
        Set<Path> folders = new HashSet<>();
        for (StagedFile f : files) {
            realFolders(f.base(), f.target().getParent());
            if (f.link() != null) {
                Files.deleteIfExists(f.target()); // a link is deleted itself, never its target
                Files.createSymbolicLink(f.target(), Path.of(f.link()));
            } else {
                Set<PosixFilePermission> mode = modeToKeep(f);
                Path temp = f.target().resolveSibling("." + f.target().getFileName() + "." + UUID.randomUUID()
                        + ".lifeboat-restore");
                try (InputStream in = Files.newInputStream(f.staged());
                     FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                             StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(Channels.newOutputStream(out));
                    out.force(true); // the content is on disk before the rename makes it the file
                }
                if (mode != null) {
                    Files.setPosixFilePermissions(temp, mode);
                }
                // rename replaces whatever is at the target (a file, or a link itself), never writes through it
                Files.move(temp, f.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            folders.add(f.target().getParent());
            placed++;
        }
        syncFolders(folders); // the renames themselves, before the staged copies may be deleted
        return placed;
    }

    /** Flushes folders' entries (files created or renamed in them) to disk; Linux lets a folder be forced. */
    private static void syncFolders(Set<Path> folders) throws IOException {
        for (Path folder : folders) {
            try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }

    /** Whether a staged copy is there with the SHA-256 the manifest gives. */
    private static boolean intact(Path staged, String sha256) throws IOException {
        if (!Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        MessageDigest sha = PackageSealer.sha256();
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(staged), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest()).equals(sha256);
    }

    /** The mode of the file being replaced; 0600 for a new configuration file; null: the default. */
    private static Set<PosixFilePermission> modeToKeep(StagedFile f) throws IOException {
        if (Files.isRegularFile(f.target(), LinkOption.NOFOLLOW_LINKS)) {
            return Files.getPosixFilePermissions(f.target(), LinkOption.NOFOLLOW_LINKS);
        }
        return f.configuration() ? OWNER_ONLY : null;
    }

    /**
     * Makes every folder from {@code base} down to {@code folder} a real folder: created when missing, a symbolic
     * link in its place replaced by a folder (never followed).
     */
    static void realFolders(Path base, Path folder) throws IOException {
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(base);
        }
        Path current = base;
        for (Path name : base.relativize(folder)) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                Files.delete(current);
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new RestoreException("'" + current + "' is a file where the package needs a folder");
            }
        }
    }

    /** Refuses, before the database is touched, a target whose folders are files on disk. */
    private static void checkFolders(Path base, Path target, String where) {
        Path current = base;
        for (Path name : base.relativize(target.getParent() == null ? base : target.getParent())) {
            current = current.resolve(name);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current)
                    && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new RestoreException("'" + base.relativize(current) + "' in " + where + " is a file where the "
                        + "package needs a folder (for " + base.relativize(target) + "); nothing was restored");
            }
        }
    }

    /** A package link must stay inside its root by its text alone, with no {@code ..} after a name. */
    static void checkLinkTarget(Path rootDir, Path link, Manifest.StoredFile f) {
        Path target = Path.of(f.link());
        Path resolved = link.getParent().resolve(target).normalize();
        if (f.link().isEmpty() || target.isAbsolute() || EntryNames.climbsAfterName(f.link())
                || !resolved.startsWith(rootDir)
                || resolved.equals(rootDir)) {
            throw new RestoreException("the symbolic link '" + f.path() + "' of storage root '" + f.root()
                    + "' points to '" + f.link() + "', which is not a place inside its root; refused");
        }
    }

    /**
     * Refuses, before anything is staged, a package with files of a storage root the profile does not define: the
     * restore would otherwise fail only after the database work.
     */
    public static void checkStorageRoots(Manifest manifest, Profile profile) {
        if (manifest.storage() == null) {
            return;
        }
        java.util.Set<String> known = new java.util.HashSet<>();
        profile.storage().forEach(r -> known.add(r.name()));
        java.util.Set<String> unknown = new java.util.TreeSet<>();
        manifest.storage().forEach(f -> {
            if (!known.contains(f.root())) {
                unknown.add(f.root());
            }
        });
        if (!unknown.isEmpty()) {
            throw new RestoreException("the package holds files of storage root(s) " + unknown + ", which the profile"
                    + " of '" + profile.source() + "' does not define (it defines " + known + "); add them to the "
                    + "profile, or restore without storage (\"restoreStorage\": false)");
        }
    }

    private static Path rootDir(Profile profile, Path sourcesDir, String rootName) {
        Profile.StorageRoot root = profile.storage().stream().filter(r -> r.name().equals(rootName)).findFirst()
                .orElseThrow(() -> new RestoreException("the package holds files of storage root '" + rootName
                        + "', which the profile of '" + profile.source() + "' does not define"));
        return sourcesDir.resolve(root.path()).normalize();
    }

    private static void extractChecked(PackageReader pkg, Manifest.StoredFile f, Path staged) throws IOException {
        Files.createDirectories(staged.getParent());
        MessageDigest sha = PackageSealer.sha256();
        try (InputStream in = pkg.open(f.entry());
             FileChannel channel = FileChannel.open(staged, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(new DigestOutputStream(Channels.newOutputStream(channel), sha));
            channel.force(true);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(f.sha256())) {
            throw new RestoreException("file " + f.entry() + " has SHA-256 " + actual + " but the manifest says "
                    + f.sha256() + "; nothing was restored");
        }
    }

    /** Resolves a relative path inside a folder, refusing anything that would leave it. */
    static Path inside(Path folder, String relative) {
        Path resolved = folder.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !resolved.startsWith(folder.normalize()) || resolved.equals(folder.normalize())) {
            throw new RestoreException("the package path '" + relative + "' would leave " + folder + "; refused");
        }
        return resolved;
    }

}
