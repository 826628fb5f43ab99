package org.lifeboat.restore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.source.Profile;

/**
 * Brings storage (and, when asked, configuration) files back: first extracted aside and checked against their
 * SHA-256, before the database is touched; then, only after the database commit, moved into place, each file
 * through a temporary name in its target folder and an atomic rename. Paths never leave their storage root or
 * the sources folder.
 */
public final class FileRehydrator {

    /** A checked file waiting in the work folder, and where it goes. */
    public record StagedFile(Path staged, Path target, String link) {}

    private FileRehydrator() {}

    public static List<StagedFile> extract(PackageReader pkg, Manifest manifest, Profile profile, Path sourcesDir,
                                           Path workFolder, boolean storage, boolean configuration) throws IOException {
        List<StagedFile> files = new ArrayList<>();
        if (storage && manifest.storage() != null) {
            for (Manifest.StoredFile f : manifest.storage()) {
                Profile.StorageRoot root = profile.storage().stream().filter(r -> r.name().equals(f.root())).findFirst()
                        .orElseThrow(() -> new RestoreException("the package holds files of storage root '" + f.root()
                                + "', which the profile of '" + profile.source() + "' does not define"));
                Path rootDir = sourcesDir.resolve(root.path()).normalize();
                Path target = inside(rootDir, f.path());
                files.add(f.link() != null ? new StagedFile(null, target, f.link())
                        : new StagedFile(extractChecked(pkg, f, workFolder), target, null));
            }
        }
        if (configuration && manifest.configuration() != null) {
            for (Manifest.StoredFile f : manifest.configuration()) {
                files.add(new StagedFile(extractChecked(pkg, f, workFolder), inside(sourcesDir.normalize(), f.path()),
                        null));
            }
        }
        return files;
    }

    /** Moves every staged file into place (after the database commit). Returns how many were placed. */
    public static int place(List<StagedFile> files) throws IOException {
        int placed = 0;
        for (StagedFile f : files) {
            Files.createDirectories(f.target().getParent());
            if (f.link() != null) {
                Files.deleteIfExists(f.target());
                Files.createSymbolicLink(f.target(), Path.of(f.link()));
            } else {
                Path temp = f.target().resolveSibling("." + f.target().getFileName() + ".lifeboat-restore");
                Files.copy(f.staged(), temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, f.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            placed++;
        }
        return placed;
    }

    private static Path extractChecked(PackageReader pkg, Manifest.StoredFile f, Path workFolder) throws IOException {
        Path staged = inside(workFolder, f.entry());
        Files.createDirectories(staged.getParent());
        MessageDigest sha = sha256();
        try (InputStream in = pkg.open(f.entry());
             OutputStream out = new DigestOutputStream(Files.newOutputStream(staged), sha)) {
            in.transferTo(out);
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(f.sha256())) {
            throw new RestoreException("file " + f.entry() + " has SHA-256 " + actual + " but the manifest says "
                    + f.sha256() + "; nothing was restored");
        }
        return staged;
    }

    /** Resolves a relative path inside a folder, refusing anything that would leave it. */
    static Path inside(Path folder, String relative) {
        Path resolved = folder.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !resolved.startsWith(folder.normalize()) || resolved.equals(folder.normalize())) {
            throw new RestoreException("the package path '" + relative + "' would leave " + folder + "; refused");
        }
        return resolved;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
