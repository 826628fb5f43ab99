package org.lifeboat.repository;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageDecryptionKey;
import org.lifeboat.archive.PackageEncryption;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.archive.PackageRecipients;
import org.lifeboat.archive.PackageSealer;
import org.lifeboat.archive.PackageSidecar;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCopies;
import org.lifeboat.catalog.PackageCopy;
import org.lifeboat.catalog.PackageIntake;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.logging.LifeboatLog;

/**
 * Copies packages to their source's repositories, verifies copies, rebuilds catalog entries from a repository and
 * brings a package back from one, recording each copy's state in {@link PackageCopies}. Not transactional itself:
 * an upload may take long, each state change commits on its own.
 *
 * <p>A repository with {@code encryption} gets each package as one OpenPGP message ({@code <key>.gpg}), encrypted
 * while it streams up (no encrypted or clear copy is written anywhere on the way), then its sidecar
 * ({@code <key>.gpg.meta.json}: source, scope, times, sizes, checksums, no row data), which lets a rescan list it
 * without the key.
 */
@ApplicationScoped
public class OffsiteCopies {

    private static final int SIDECAR_MAX_BYTES = 1 << 20;
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    @Inject
    RepositoryRegistry registry;

    @Inject
    PackageCopies copies;

    @Inject
    LifeboatSettings settings;

    @Inject
    PackageIntake intake;

    @Inject
    org.lifeboat.catalog.PackageCatalog catalog;

    /**
     * Copies {@code p} to every repository its source's policy names, skipping those it is already copied (or
     * verified) in: a restarted step goes on where it stopped. A failure is recorded with its reason, never thrown.
     *
     * @return one line per repository, for the step's exit status
     */
    public List<String> copy(BackupPackage p) {
        List<String> lines = new ArrayList<>();
        Repositories repositories;
        try {
            repositories = registry.current();
        } catch (RepositoryConfigException e) {
            LifeboatLog.LOG.repositoriesUnusable(e.getMessage());
            return List.of("not copied: " + e.getMessage());
        }
        for (Repository r : repositories.copiesOf(p.getSource())) {
            PackageCopy c = copy(p, r);
            String line = r.name() + ": " + c.getState().toString().toLowerCase();
            if (c.getState() == PackageCopy.State.COPIED) {
                line += catchUp(p, r);
            }
            lines.add(line);
        }
        return lines;
    }

    /** How many earlier copies one backup retries, at most, once its own copy went through. */
    static final int CATCH_UP_LIMIT = 3;

    /**
     * The store answers again: retries the copies of the source's earlier packages to {@code r} that failed or never
     * finished (newest first, at most {@value #CATCH_UP_LIMIT} per backup, only packages whose file is still here).
     * Each becomes COPIED or FAILED again with its reason; the backup stands either way.
     */
    private String catchUp(BackupPackage p, Repository r) {
        List<String> done = new ArrayList<>();
        for (PackageCopy missed : copies.unfinished(p.getSource(), r.name(), p.getId(), CATCH_UP_LIMIT)) {
            Optional<BackupPackage> earlier = catalog.find(missed.getBackupId());
            if (earlier.isEmpty() || !Files.isRegularFile(Path.of(earlier.get().getFile()))) {
                continue;
            }
            PackageCopy retried = copy(earlier.get(), r);
            done.add("package " + missed.getBackupId() + " " + retried.getState().toString().toLowerCase());
        }
        return done.isEmpty() ? "" : " (caught up: " + String.join(", ", done) + ")";
    }

    /** Copies {@code p} to {@code r} unless it is copied there already; records and returns the copy's state. */
    public PackageCopy copy(BackupPackage p, Repository r) {
        Path file = Path.of(p.getFile());
        String key = r.keyOf(p.getSource(), file.getFileName().toString());
        PackageCopy c = copies.pending(p.getId(), r.name(), key);
        if (c.complete()) {
            return c;
        }
        if (c.getState() == PackageCopy.State.FAILED && c.getReason() != null && c.getReason().startsWith("verify: ")
                && objectThere(r, c.getObjectKey())) {
            return c; // a damaged object stays as it is (never overwritten): someone must look at it and remove it
        }
        if (c.getState() == PackageCopy.State.FAILED) {
            c = copies.mark(p.getId(), r.name(), PackageCopy.State.PENDING, null);
        }
        long started = System.nanoTime();
        try (S3Store store = new S3Store(r)) {
            PackageCopy done = r.encrypted() ? copyEncrypted(p, r, store, file, c.getObjectKey(), started)
                    : copyAsIs(p, r, store, file, c.getObjectKey(), started);
            if (done.getMillis() > 0) { // 0: found complete by a restart
                LifeboatLog.LOG.packageCopied(p.getId(), r.name(), done.getObjectKey(), done.getBytes(),
                        done.getMillis(), done.getBytes() / 1e6 / (done.getMillis() / 1000.0));
            }
            return done;
        } catch (IOException | RuntimeException e) {
            String reason = "copy to " + r.endpoint() + " failed: " + reason(e, r);
            LifeboatLog.LOG.copyFailed(p.getId(), r.name(), reason);
            return copies.mark(p.getId(), r.name(), PackageCopy.State.FAILED, reason);
        }
    }

    private static boolean objectThere(Repository r, String key) {
        try (S3Store store = new S3Store(r)) {
            return store.head(key).isPresent();
        } catch (RuntimeException e) {
            return true; // cannot tell: leave the copy as it is
        }
    }

    private PackageCopy copyAsIs(BackupPackage p, Repository r, S3Store store, Path file, String key, long started)
            throws IOException {
        var existing = store.head(key);
        if (existing.isPresent()) { // a restart after the upload completed: the same object, or someone else's
            if (p.getSha256().equals(existing.get().sha256()) && existing.get().bytes() == p.getSizeBytes()) {
                return copies.copied(p.getId(), r.name(), existing.get().bytes(), 0);
            }
            throw new ObjectExistsException(r.name(), key);
        }
        S3Store.StoredObject stored = store.upload(file, key, p.getSha256());
        return copies.copied(p.getId(), r.name(), stored.bytes(), millisSince(started));
    }

    /**
     * Encrypts the package while it goes up, then writes its sidecar. A restart finds the object complete (it
     * appears only complete) and its sidecar written, or writes the missing sidecar from the object itself.
     */
    private PackageCopy copyEncrypted(BackupPackage p, Repository r, S3Store store, Path file, String key,
                                      long started) throws IOException {
        String sidecarKey = key + PackageSidecar.SUFFIX;
        Manifest manifest;
        try (PackageReader reader = new PackageReader(file)) {
            manifest = reader.manifest();
        }
        var existing = store.head(key);
        if (existing.isPresent()) {
            Optional<byte[]> json = store.readSmall(sidecarKey, SIDECAR_MAX_BYTES);
            if (json.isPresent()) {
                PackageSidecar sidecar = PackageSidecar.fromJson(json.get(), sidecarKey);
                if (sidecar.clear().sha256().equals(p.getSha256())
                        && sidecar.encrypted().bytes() == existing.get().bytes()) {
                    return copies.copied(p.getId(), r.name(), existing.get().bytes(), 0,
                            sidecar.encrypted().sha256(), describe(sidecar.encryption()));
                }
            } else if (p.getSha256().equals(existing.get().clearSha256())) {
                // the upload completed, the sidecar did not: write it from the object as it is
                String sha = store.download(key, OutputStream.nullOutputStream());
                List<String> keyIds;
                try (InputStream in = new BufferedInputStream(store.open(key), 1 << 16)) {
                    keyIds = PackageEncryption.recipientKeyIds(in, key);
                }
                PackageRecipients to = r.encryption().recipientsFor(r.name());
                PackageEncryption.Encrypted e = new PackageEncryption.Encrypted(p.getSizeBytes(), p.getSha256(),
                        existing.get().bytes(), sha, keyIds, to.hasPassphrase());
                store.putSmall(sidecarKey, PackageSidecar.of(manifest, objectName(key), e).toJson());
                return copies.copied(p.getId(), r.name(), existing.get().bytes(), millisSince(started), sha,
                        RepositoryEncryption.describe(keyIds, to.hasPassphrase()));
            }
            throw new ObjectExistsException(r.name(), key);
        }
        PackageRecipients to = r.encryption().recipientsFor(r.name());
        PackageEncryption.Encrypted e;
        S3Store.StoredObject stored;
        try (S3Store.ObjectSink sink = store.openUpload(key, Map.of(S3Store.CLEAR_SHA256_METADATA, p.getSha256()),
                false); // the encryption measures the SHA-256 of what it writes
             InputStream in = Files.newInputStream(file)) {
            e = PackageEncryption.encrypt(in, file.getFileName().toString(), to, sink);
            if (!e.clearSha256().equals(p.getSha256())) {
                throw new CopyMismatchException(file, e.clearSha256(), p.getSha256());
            }
            stored = sink.complete();
        }
        if (stored.bytes() != e.encryptedBytes()) {
            throw new IOException("the object " + key + " holds " + stored.bytes() + " bytes after its upload; "
                    + e.encryptedBytes() + " were encrypted");
        }
        store.putSmall(sidecarKey, PackageSidecar.of(manifest, objectName(key), e).toJson());
        return copies.copied(p.getId(), r.name(), stored.bytes(), millisSince(started), e.encryptedSha256(),
                RepositoryEncryption.describe(to.keyIds(), to.hasPassphrase()));
    }

    /**
     * Reads the copy of {@code p} in {@code repository} back and checks it: the object's SHA-256 against the
     * catalog's, then every entry's checksum and every table's row count as {@link PackageVerifier} does. The
     * verifier needs random access (a tar file's entries), so the object is streamed to a temporary file under the
     * work folder, deleted afterwards. An encrypted copy is decrypted on the way (its integrity check included)
     * when this server holds the repository's key; without it only the object's SHA-256 is checked, and the result
     * says no entry was checked. The copy's state becomes verified or failed with the problems.
     */
    public PackageVerifier.Result verify(BackupPackage p, Repository r) {
        PackageCopy c = copies.find(p.getId(), r.name()).orElseThrow(() -> new NoCopyException(p.getId(), r.name()));
        List<String> problems = new ArrayList<>();
        PackageVerifier.Result result;
        Path temp = null;
        String object = "the object " + c.getObjectKey() + " in repository " + r.name();
        try (S3Store store = new S3Store(r)) {
            if (store.head(c.getObjectKey()).isEmpty()) {
                problems.add("the object " + c.getObjectKey() + " is not in repository " + r.name());
                result = new PackageVerifier.Result(false, problems, 0, 0);
            } else {
                Optional<PackageDecryptionKey> key = c.encrypted() && r.encryption() != null
                        ? r.encryption().serverKey() : Optional.empty();
                boolean open = !c.encrypted() || key.isPresent();
                if (open) {
                    Path work = settings.workDir();
                    Files.createDirectories(work);
                    temp = Files.createTempFile(work, "verify-" + p.getId() + "-", ".lifeboat.tar");
                }
                MessageDigest objectSha = PackageSealer.sha256();
                MessageDigest clearSha = PackageSealer.sha256();
                try (InputStream in = digesting(store.open(c.getObjectKey()), objectSha);
                     OutputStream out = open ? new DigestOutputStream(Files.newOutputStream(temp), clearSha)
                             : OutputStream.nullOutputStream()) {
                    if (c.encrypted() && open) {
                        PackageEncryption.decrypt(in, objectName(c.getObjectKey()), key.get(), out);
                        in.transferTo(OutputStream.nullOutputStream()); // what the integrity check left
                    } else {
                        in.transferTo(out);
                    }
                }
                String expectedObject = c.encrypted() ? c.getObjectSha256() : p.getSha256();
                String sha = HexFormat.of().formatHex(objectSha.digest());
                if (!sha.equals(expectedObject)) {
                    problems.add(object + " has SHA-256 " + sha + ", the catalog says " + expectedObject);
                }
                if (!open) {
                    result = new PackageVerifier.Result(problems.isEmpty(), List.copyOf(problems), 0, 0);
                } else {
                    String clear = HexFormat.of().formatHex(clearSha.digest());
                    if (c.encrypted() && !clear.equals(p.getSha256())) {
                        problems.add(object + " decrypts to a package with SHA-256 " + clear
                                + ", the catalog says " + p.getSha256());
                    }
                    PackageVerifier.Result entries = PackageVerifier.verify(temp);
                    problems.addAll(entries.problems());
                    result = new PackageVerifier.Result(problems.isEmpty(), List.copyOf(problems),
                            entries.entriesChecked(), entries.rowsChecked());
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(object + " cannot be read: " + reason(e, r));
            result = new PackageVerifier.Result(false, List.copyOf(problems), 0, 0);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LifeboatLog.LOG.workFolderLeft(temp.toString(), e.getMessage());
                }
            }
        }
        copies.mark(p.getId(), r.name(), result.ok() ? PackageCopy.State.VERIFIED : PackageCopy.State.FAILED,
                result.ok() ? null : "verify: " + String.join("; ", result.problems()));
        return result;
    }

    /**
     * Brings the copy of {@code p} in {@code r} back to this server's backup folder, so that it can be restored and
     * downloaded: streamed from the store, decrypted on the way when it is encrypted (with {@code given}, else the
     * key this server holds for the repository), and taken in by {@link PackageIntake#bringBack} (the catalogued
     * SHA-256, an inspection like an upload's, this server's signature). A package whose file is here already is
     * answered as it is.
     *
     * @throws org.lifeboat.archive.PackageEncryptionException for a missing or wrong key, a modified object
     * @throws PackageIntake.NotTheCataloguedPackageException when the object is not the catalogued package
     */
    public BackupPackage fetch(BackupPackage p, Repository r, PackageDecryptionKey given) throws IOException {
        PackageCopy c = copies.find(p.getId(), r.name()).orElseThrow(() -> new NoCopyException(p.getId(), r.name()));
        if (Files.isRegularFile(Path.of(p.getFile()))) {
            return p;
        }
        PackageDecryptionKey key = given != null ? given
                : c.encrypted() && r.encryption() != null ? r.encryption().serverKey().orElse(null) : null;
        String objectName = objectName(c.getObjectKey());
        String name = c.encrypted() && objectName.endsWith(Repository.ENCRYPTED_SUFFIX)
                ? objectName.substring(0, objectName.length() - Repository.ENCRYPTED_SUFFIX.length()) : objectName;
        long started = System.nanoTime();
        try (S3Store store = new S3Store(r)) {
            if (store.head(c.getObjectKey()).isEmpty()) {
                throw new NoCopyException(p.getId(), r.name(), "the object " + c.getObjectKey()
                        + " is no longer in the bucket");
            }
            BackupPackage back;
            try (InputStream in = new BufferedInputStream(store.open(c.getObjectKey()), 1 << 16)) {
                back = intake.bringBack(p, name, out -> {
                    if (c.encrypted()) {
                        PackageEncryption.decrypt(in, objectName, key, out);
                    } else {
                        in.transferTo(out);
                    }
                });
            }
            LifeboatLog.LOG.packageFetched(p.getId(), r.name(), c.getObjectKey(), back.getSizeBytes(),
                    millisSince(started));
            return back;
        }
    }

    /**
     * Key rotation for a copy made before the repository's recipients changed: re-wraps the session key of the copy
     * of {@code p} in {@code r} for the repository's recipients as they are now, without re-encrypting the data
     * (see {@link PackageEncryption#rewrap}). The object is read into the work folder (still encrypted), re-wrapped
     * there, uploaded under a new key (objects are never overwritten) with its sidecar, and only then is the old
     * object deleted; the copy now points at the new one. Opening the old session key needs {@code given} or the
     * key this server holds. An old object the store refuses to delete (Object Lock) stays, said in the answer.
     *
     * @return the copy as it is now, and what happened to the old object
     */
    public Rewrapped rewrap(BackupPackage p, Repository r, PackageDecryptionKey given) throws IOException {
        PackageCopy c = copies.find(p.getId(), r.name()).orElseThrow(() -> new NoCopyException(p.getId(), r.name()));
        if (!c.encrypted() || r.encryption() == null) {
            throw new IOException("the copy of package " + p.getId() + " in repository " + r.name()
                    + (c.encrypted() ? " is encrypted, but the repository has no encryption to re-wrap it for"
                    : " is not encrypted: there is no session key to re-wrap"));
        }
        PackageDecryptionKey current = given != null ? given : r.encryption().serverKey().orElse(null);
        PackageRecipients next = r.encryption().recipientsFor(r.name());
        Path work = settings.workDir();
        Files.createDirectories(work);
        Path sealed = Files.createTempFile(work, "rewrap-" + p.getId() + "-", ".gpg");
        Path rewrapped = sealed.resolveSibling(sealed.getFileName() + ".new");
        try (S3Store store = new S3Store(r)) {
            String oldKey = c.getObjectKey();
            String sha;
            try (OutputStream out = Files.newOutputStream(sealed)) {
                sha = store.download(oldKey, out);
            }
            if (!sha.equals(c.getObjectSha256())) {
                throw new IOException("the object " + oldKey + " in repository " + r.name() + " has SHA-256 " + sha
                        + ", the catalog says " + c.getObjectSha256() + ": not re-wrapped (verify it)");
            }
            PackageEncryption.rewrap(sealed, current, next, rewrapped);
            String name = objectName(oldKey);
            String base = name.substring(0, name.length() - (".lifeboat.tar" + Repository.ENCRYPTED_SUFFIX).length())
                    .replaceAll("-k[0-9]+$", "");
            String newKey = oldKey.substring(0, oldKey.length() - name.length()) + base + "-k"
                    + System.currentTimeMillis() + ".lifeboat.tar" + Repository.ENCRYPTED_SUFFIX;
            long bytes = Files.size(rewrapped);
            String newSha;
            S3Store.StoredObject stored;
            try (S3Store.ObjectSink sink = store.openUpload(newKey,
                    Map.of(S3Store.CLEAR_SHA256_METADATA, p.getSha256()));
                 InputStream in = Files.newInputStream(rewrapped)) {
                in.transferTo(sink);
                newSha = sink.sha256();
                stored = sink.complete();
            }
            PackageSidecar old = PackageSidecar.fromJson(store.readSmall(oldKey + PackageSidecar.SUFFIX,
                    SIDECAR_MAX_BYTES).orElseThrow(() -> new IOException("the sidecar of " + oldKey
                    + " is missing")), oldKey);
            PackageSidecar sidecar = new PackageSidecar(old.sidecarVersion(), objectName(newKey), old.formatVersion(),
                    old.source(), old.scope(), old.createdAt(), old.completedAt(), old.lifeboatVersion(),
                    old.postgresVersion(), old.counts(), old.clear(), new PackageSidecar.Checksum(bytes, newSha),
                    new PackageSidecar.Encryption("openpgp", "AES-256", "SEIPD-v1-MDC", next.keyIds(),
                            next.hasPassphrase()));
            store.putSmall(newKey + PackageSidecar.SUFFIX, sidecar.toJson());
            copies.rekeyed(p.getId(), r.name(), newKey, stored.bytes(), newSha,
                    RepositoryEncryption.describe(next.keyIds(), next.hasPassphrase()));
            String oldObject;
            try {
                store.delete(oldKey);
                store.delete(oldKey + PackageSidecar.SUFFIX);
                oldObject = "deleted";
            } catch (RuntimeException refused) {
                oldObject = "kept: the store refused to delete it (" + reason(refused, r) + ")";
            }
            return new Rewrapped(copies.find(p.getId(), r.name()).orElseThrow(), oldKey, oldObject);
        } finally {
            Files.deleteIfExists(sealed);
            Files.deleteIfExists(rewrapped);
        }
    }

    /** A re-wrapped copy, the key of the object it replaced and what became of that object. */
    public record Rewrapped(PackageCopy copy, String oldKey, String oldObject) {}

    /** What a rescan found: packages catalogued now, keys already known, objects that are not packages. */
    public record Rescan(List<Long> added, int known, List<String> problems) {}

    /**
     * Catalogs every package of repository {@code r} the catalog does not know yet: an unencrypted one from its
     * manifest (the first entry: only the start of each object is read), an encrypted one from its sidecar (no key
     * needed); with the object's size and SHA-256, source, scope, time, size and rows become a recovery point
     * again, its copy in {@code r} COPIED. Such a package has no local file (its {@code file} is the object's s3://
     * address) until it is fetched, and is catalogued as an upload (untrusted) until then: what a bucket holds is
     * checked again, like an upload, when it is brought back.
     */
    public Rescan rescan(Repository r, String by) {
        List<Long> added = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int known = 0;
        try (S3Store store = new S3Store(r)) {
            for (String key : store.keys("")) {
                boolean encrypted = key.endsWith(".lifeboat.tar" + Repository.ENCRYPTED_SUFFIX);
                if (!encrypted && !key.endsWith(".lifeboat.tar")) {
                    continue; // sidecars, and whatever else shares the bucket
                }
                if (copies.known(r.name(), key)) {
                    known++;
                    continue;
                }
                try {
                    var head = store.head(key).orElseThrow(() -> new IOException("gone while listing"));
                    added.add((encrypted ? catalogEncrypted(store, r, key, head, by)
                            : catalogAsIs(store, r, key, head, by)).getId());
                } catch (IOException | RuntimeException e) {
                    problems.add(key + ": " + reason(e));
                }
            }
        }
        return new Rescan(added, known, problems);
    }

    private BackupPackage catalogAsIs(S3Store store, Repository r, String key, S3Store.StoredObject head, String by)
            throws IOException {
        Manifest m = store.manifest(key);
        String sha = head.sha256() != null ? head.sha256() : store.download(key, OutputStream.nullOutputStream());
        BackupPackage p = new BackupPackage(checkedSource(m.source(), key), checkedScope(m.scope(), key),
                instant(m.createdAt(), key), m.completedAt() == null ? instant(m.createdAt(), key)
                : instant(m.completedAt(), key), head.bytes(), "s3://" + r.bucket() + "/" + key, sha,
                new ObjectMapper().writeValueAsString(m.rowsPerTable()), m.totalRows(), null, null, by);
        return copies.found(p, r.name(), key, head.bytes(), null, null);
    }

    private BackupPackage catalogEncrypted(S3Store store, Repository r, String key, S3Store.StoredObject head,
                                           String by) throws IOException {
        String sidecarKey = key + PackageSidecar.SUFFIX;
        PackageSidecar s = PackageSidecar.fromJson(store.readSmall(sidecarKey, SIDECAR_MAX_BYTES).orElseThrow(
                () -> new IOException("an encrypted package without its sidecar " + sidecarKey
                        + " (it lists the package without the key)")), sidecarKey);
        if (s.encrypted().bytes() != head.bytes()) {
            throw new IOException("the object has " + head.bytes() + " bytes, its sidecar says "
                    + s.encrypted().bytes());
        }
        long rows = s.counts() == null ? 0 : s.counts().rows();
        BackupPackage p = new BackupPackage(checkedSource(s.source(), key), checkedScope(s.scope(), key),
                instant(s.createdAt(), key), s.completedAt() == null ? instant(s.createdAt(), key)
                : instant(s.completedAt(), key), s.clear().bytes(), "s3://" + r.bucket() + "/" + key,
                s.clear().sha256(), "{}", rows, null, null, by);
        return copies.found(p, r.name(), key, head.bytes(), s.encrypted().sha256(), describe(s.encryption()));
    }

    static String checkedSource(String source, String key) throws IOException {
        if (source == null || !SOURCE_NAME.matcher(source).matches()) {
            throw new IOException("names source '" + source + "', which is not a source name");
        }
        return source;
    }

    /** A scope as a backup writes it ({@code full}, {@code tables:public.a,b}, ...): parsed, not pattern-matched. */
    static String checkedScope(String scope, String key) throws IOException {
        if (scope == null || scope.isBlank()) {
            throw new IOException("names no scope");
        }
        try {
            org.lifeboat.backup.BackupScope.parse(scope);
            return scope;
        } catch (RuntimeException e) { // InvalidScopeException, and whatever else a hostile text causes
            throw new IOException("names scope '" + scope + "', which is not a scope: " + e.getMessage());
        }
    }

    private static Instant instant(String value, String key) throws IOException {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw new IOException("has time '" + value + "', which is not an ISO-8601 UTC instant");
        }
    }

    private static String describe(PackageSidecar.Encryption e) {
        return e == null ? "openpgp" : RepositoryEncryption.describe(
                e.recipients() == null ? List.of() : e.recipients(), e.passphrase());
    }

    /**
     * Counts every byte read from {@code in} into {@code sha} exactly once: no mark/reset (a reader that re-reads
     * after a reset would be counted twice), so OpenPGP's decoder buffers on its own.
     */
    private static InputStream digesting(InputStream in, MessageDigest sha) {
        return new DigestInputStream(new BufferedInputStream(in, 1 << 16), sha) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /** The last part of an object key: the package's file name in the bucket. */
    static String objectName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static long millisSince(long started) {
        return Math.max(1, (System.nanoTime() - started) / 1_000_000);
    }

    /** {@link #reason(Throwable)}, with what to check when the store refused the credentials or lacks the bucket. */
    public static String reason(Throwable e, Repository r) {
        String m = reason(e);
        if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3) {
            if (s3.statusCode() == 403) {
                return m + ": the store refused repository " + r.name() + "'s credentials or their rights on bucket "
                        + r.bucket() + " (check " + r.accessKey().where() + ", " + r.secretKey().where() + ")";
            }
            if (s3.statusCode() == 404 && "NoSuchBucket".equals(s3.awsErrorDetails() == null ? null
                    : s3.awsErrorDetails().errorCode())) {
                return m + ": bucket " + r.bucket() + " does not exist at " + r.endpoint()
                        + " (create it, or fix bucket: in repositories.yaml)";
            }
        }
        return m;
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        if (e instanceof software.amazon.awssdk.core.exception.SdkClientException && e.getCause() != null
                && e.getCause().getMessage() != null && (m == null || !m.contains(e.getCause().getMessage()))) {
            m = m + " (" + e.getCause().getMessage() + ")";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
