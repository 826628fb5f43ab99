package org.lifeboat.archive;

import static org.lifeboat.archive.EntryNameRules.checkName;
import static org.lifeboat.archive.EntryNameRules.shown;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.lifeboat.archive.InvalidPackageException.Reason;

/**
 * Decides whether an uploaded package, untrusted input, is a well-formed Lifeboat package before anything else
 * touches it: a tar whose first entry is a supported manifest, holding exactly the regular files the manifest lists
 * (with their sizes and SHA-256) plus the storage links it declares, none of which can leave its place when
 * extracted, and table entries (zstd frames, or gzip members, read through {@link TableEntryStream}) whose rows
 * are what the manifest says. The first problem found is thrown as an
 * {@link InvalidPackageException} naming the entry or row.
 *
 * <p>The file is read once from start to end and never written; links are not followed. Nothing is held in
 * memory but the manifest (at most {@link Limits#maxManifestBytes()}) and one buffer per stream; tar headers,
 * entry counts, the file size and the decompressed size of table entries are all capped by {@link Limits}, so
 * hostile input costs at most time proportional to those limits.
 */
public final class UploadInspector {

    /**
     * How much an upload may ask of the server. {@code maxCompressionRatio} bounds the decompressed size of each
     * table entry at that many times its compressed size (plus {@value UploadInspector#RATIO_ALLOWANCE_BYTES}
     * bytes, so tiny entries of repetitive rows pass); {@code maxUncompressedBytes} bounds the decompressed size of
     * all tables.
     */
    public record Limits(long maxFileBytes, int maxEntries, long maxManifestBytes, long maxUncompressedBytes,
                         int maxCompressionRatio) {

        public Limits {
            if (maxFileBytes <= 0 || maxEntries <= 0 || maxManifestBytes <= 0 || maxUncompressedBytes <= 0
                    || maxCompressionRatio <= 0) {
                throw new IllegalArgumentException("upload limits must all be positive");
            }
        }

        /** 20 GiB per file, 200,000 entries, a 64 MiB manifest, 20 GiB of decompressed rows, 200:1 per table. */
        public static Limits defaults() {
            return new Limits(20L << 30, 200_000, 64L << 20, 20L << 30, 200);
        }

        public Limits withMaxFileBytes(long value) {
            return new Limits(value, maxEntries, maxManifestBytes, maxUncompressedBytes, maxCompressionRatio);
        }

        public Limits withMaxEntries(int value) {
            return new Limits(maxFileBytes, value, maxManifestBytes, maxUncompressedBytes, maxCompressionRatio);
        }

        public Limits withMaxManifestBytes(long value) {
            return new Limits(maxFileBytes, maxEntries, value, maxUncompressedBytes, maxCompressionRatio);
        }

        public Limits withMaxUncompressedBytes(long value) {
            return new Limits(maxFileBytes, maxEntries, maxManifestBytes, value, maxCompressionRatio);
        }

        public Limits withMaxCompressionRatio(int value) {
            return new Limits(maxFileBytes, maxEntries, maxManifestBytes, maxUncompressedBytes, value);
        }
    }

    /** Decompressed bytes every table entry may have beyond its ratio. */
    public static final long RATIO_ALLOWANCE_BYTES = 1 << 20;

    private final Path file;
    private final Limits limits;
    private final ManifestRules manifestRules;
    private final TableRowCheck rows;
    private TarFraming tar;
    /** Entries met in the archive; only names the manifest lists get here, so it is no bigger than the manifest. */
    private final Set<String> seen = new HashSet<>();

    private UploadInspector(Path file, Limits limits) {
        this.file = file;
        this.limits = limits;
        this.manifestRules = new ManifestRules(limits);
        this.rows = new TableRowCheck(limits);
    }

    /**
     * Inspects an uploaded package and returns its manifest if the package is acceptable (lists the manifest
     * leaves out are returned empty, never null).
     *
     * @throws InvalidPackageException when it is not, with the reason and the entry or row at fault
     * @throws IOException             when the file itself cannot be read (it does not exist, a disk error)
     */
    public static Manifest inspect(Path file, Limits limits) throws IOException {
        return new UploadInspector(file, limits).run();
    }

    private Manifest run() throws IOException {
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new InvalidPackageException(Reason.NOT_A_FILE, null, file.getFileName()
                    + " is not a regular file (a link, folder or device): only a plain file is inspected");
        }
        if (attributes.size() > limits.maxFileBytes()) {
            throw new InvalidPackageException(Reason.TOO_LARGE, null, "the package has " + attributes.size()
                    + " bytes, more than the " + limits.maxFileBytes() + " bytes accepted");
        }
        if (attributes.size() < TarFraming.RECORD) {
            throw new InvalidPackageException(Reason.NOT_A_TAR, null, attributes.size() == 0 ? "the file is empty"
                    : "the file has only " + attributes.size() + " bytes, less than one tar header: it is not a"
                    + " tar archive");
        }
        try (InputStream raw = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            tar = new TarFraming(file, raw, limits.maxFileBytes());
            Manifest manifest = readManifest();
            manifestRules.check(manifest);
            readEntries();
            tar.checkEndOfArchive();
            checkNothingMissing();
            return ManifestRules.withoutNullLists(manifest);
        } catch (RuntimeException e) {
            // a parser choking on hostile bytes in a way none of the checks above anticipated
            String last = tar == null ? null : tar.lastEntry();
            throw new InvalidPackageException(Reason.UNREADABLE, last == null ? null : shown(last),
                    "the package cannot be read " + (tar == null ? "at the start of the file" : tar.after()) + ": "
                    + e, e);
        }
    }

    // ---- the manifest

    private Manifest readManifest() throws IOException {
        TarArchiveEntry first = tar.nextEntry(0);
        if (first == null) {
            throw new InvalidPackageException(Reason.MANIFEST_MISSING, null,
                    "the archive holds no entries; a package starts with " + Manifest.ENTRY_NAME);
        }
        if (!Manifest.ENTRY_NAME.equals(first.getName())) {
            throw manifestElsewhere(first);
        }
        TarFraming.requireRegular(first, Manifest.ENTRY_NAME);
        if (first.getSize() > limits.maxManifestBytes()) {
            throw new InvalidPackageException(Reason.TOO_LARGE, Manifest.ENTRY_NAME, Manifest.ENTRY_NAME + " has "
                    + first.getSize() + " bytes, more than the " + limits.maxManifestBytes() + " accepted");
        }
        TarFraming.EntryContent content = tar.content(Manifest.ENTRY_NAME);
        Manifest manifest = ManifestRules.parse(content);
        content.drain();
        tar.finished(Manifest.ENTRY_NAME);
        if (manifest == null) {
            throw new InvalidPackageException(Reason.MANIFEST_INVALID_JSON, Manifest.ENTRY_NAME,
                    Manifest.ENTRY_NAME + " holds null instead of a manifest object");
        }
        if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new InvalidPackageException(Reason.MANIFEST_UNSUPPORTED_VERSION, Manifest.ENTRY_NAME,
                    Manifest.ENTRY_NAME + " has format version " + manifest.formatVersion()
                    + "; this server reads version " + Manifest.FORMAT_VERSION);
        }
        return manifest;
    }

    /** The first entry is not the manifest: says whether the manifest comes later or not at all. */
    private InvalidPackageException manifestElsewhere(TarArchiveEntry first) throws IOException {
        String firstName = shown(first.getName());
        long unread = first.getSize();
        for (int index = 2; ; index++) {
            TarArchiveEntry entry = tar.nextEntry(unread);
            if (entry == null) {
                return new InvalidPackageException(Reason.MANIFEST_MISSING, firstName, "the archive has no "
                        + Manifest.ENTRY_NAME + " (its first entry is " + firstName + "): it is not a Lifeboat"
                        + " package");
            }
            if (index > limits.maxEntries()) {
                throw tooManyEntries(entry.getName());
            }
            if (Manifest.ENTRY_NAME.equals(entry.getName())) {
                return new InvalidPackageException(Reason.MANIFEST_NOT_FIRST, Manifest.ENTRY_NAME,
                        Manifest.ENTRY_NAME + " is entry #" + index + " of the archive, but it must be the first"
                        + " (the first is " + firstName + ")");
            }
            unread = entry.getSize();
        }
    }

    // ---- the entries

    private void readEntries() throws IOException {
        seen.add(Manifest.ENTRY_NAME);
        for (TarArchiveEntry entry = tar.nextEntry(0); entry != null; entry = tar.nextEntry(0)) {
            String name = entry.getName();
            if (tar.entries() > limits.maxEntries()) {
                throw tooManyEntries(name);
            }
            if (name.isEmpty()) {
                throw new InvalidPackageException(Reason.BAD_ENTRY_NAME, "", "entry #" + tar.entries()
                        + " of the archive (" + tar.after() + ") has an empty name");
            }
            checkName(name, "entry");
            if (seen.contains(name)) {
                throw new InvalidPackageException(Reason.DUPLICATE_ENTRY, shown(name), "entry " + shown(name)
                        + " appears more than once in the archive");
            }
            if (name.equals(PackageSignature.ENTRY_NAME)) {
                checkSignatureEntry(entry);
                seen.add(name);
                tar.content(name).drain();
                tar.finished(name);
                continue;
            }
            if (entry.isSymbolicLink()) {
                checkLinkEntry(entry);
            } else {
                TarFraming.requireRegular(entry, name);
                if (!manifestRules.listed().containsKey(name)) {
                    throw new InvalidPackageException(Reason.UNLISTED_ENTRY, shown(name), "entry " + shown(name)
                            + " is not listed in the manifest");
                }
            }
            seen.add(name);
            if (entry.isSymbolicLink()) {
                tar.finished(name);
            } else {
                checkContent(entry, manifestRules.listed().get(name));
            }
        }
    }

    /**
     * The signature of the manifest (see {@link PackageSignature}): a small regular file, right after the manifest.
     * Whether it verifies is the catalog's business; here it only must not be a way to smuggle data in.
     */
    private void checkSignatureEntry(TarArchiveEntry entry) throws InvalidPackageException {
        String name = PackageSignature.ENTRY_NAME;
        TarFraming.requireRegular(entry, name);
        if (tar.entries() != 2) {
            throw new InvalidPackageException(Reason.UNLISTED_ENTRY, name, "entry " + name + " is entry #"
                    + tar.entries() + " of the archive; the signature of the manifest must come right after it, as the second");
        }
        if (entry.getSize() > PackageSignature.MAX_BYTES) {
            throw new InvalidPackageException(Reason.TOO_LARGE, name, "entry " + name + " has " + entry.getSize()
                    + " bytes; a signature has at most " + PackageSignature.MAX_BYTES);
        }
    }

    private void checkLinkEntry(TarArchiveEntry entry) throws InvalidPackageException {
        String name = entry.getName();
        Manifest.StoredFile declared = manifestRules.links().get(name);
        if (declared == null) {
            throw new InvalidPackageException(Reason.LINK_ENTRY, shown(name), "entry " + shown(name)
                    + " is a symbolic link (to " + shown(entry.getLinkName()) + ") that the manifest does not"
                    + " declare; packages hold regular files and only the storage links their manifest lists");
        }
        if (!declared.link().equals(entry.getLinkName())) {
            throw new InvalidPackageException(Reason.LINK_ENTRY, shown(name), "entry " + shown(name)
                    + " is a symbolic link to " + shown(entry.getLinkName()) + ", but the manifest declares it as a"
                    + " link to " + shown(declared.link()));
        }
        if (entry.getSize() != 0) {
            throw new InvalidPackageException(Reason.LINK_ENTRY, shown(name), "the symbolic link entry "
                    + shown(name) + " carries " + entry.getSize() + " bytes of data");
        }
    }

    private void checkContent(TarArchiveEntry entry, Manifest.Entry expected) throws IOException {
        String name = entry.getName();
        if (entry.getSize() != expected.bytes()) {
            throw new InvalidPackageException(Reason.SIZE_MISMATCH, shown(name), "entry " + shown(name) + " has "
                    + entry.getSize() + " bytes, the manifest says " + expected.bytes());
        }
        TarFraming.EntryContent content = tar.content(name);
        InvalidPackageException rowProblem = null;
        Manifest.TableEntry table = manifestRules.table(name);
        if (table != null) {
            try {
                rows.check(table, content, entry.getSize());
            } catch (InvalidPackageException e) {
                if (content.failed()) {
                    throw e;
                }
                // a damaged entry is reported as such, not by the first row it happens to break
                rowProblem = e;
            }
        }
        content.drain();
        String sha256 = content.sha256();
        if (!sha256.equals(expected.sha256())) {
            throw new InvalidPackageException(Reason.CHECKSUM_MISMATCH, shown(name), "entry " + shown(name)
                    + " has SHA-256 " + sha256 + ", the manifest says " + expected.sha256()
                    + ": it was modified or damaged");
        }
        if (rowProblem != null) {
            throw rowProblem;
        }
        tar.finished(name);
    }

    // ---- the end of the archive

    private void checkNothingMissing() throws InvalidPackageException {
        for (String name : manifestRules.listed().keySet()) {
            if (!seen.contains(name)) {
                throw new InvalidPackageException(Reason.MISSING_ENTRY, shown(name), "entry " + shown(name)
                        + " is listed in the manifest but missing from the archive");
            }
        }
        for (String name : manifestRules.links().keySet()) {
            if (!seen.contains(name)) {
                throw new InvalidPackageException(Reason.MISSING_ENTRY, shown(name), "the storage link "
                        + shown(name) + " is declared in the manifest but missing from the archive");
            }
        }
    }

    private InvalidPackageException tooManyEntries(String name) {
        return new InvalidPackageException(Reason.TOO_MANY_ENTRIES, shown(name), "the archive holds more than "
                + limits.maxEntries() + " entries (the limit was passed at " + shown(name) + ")");
    }

}
