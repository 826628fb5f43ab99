package org.lifeboat.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCopies;
import org.lifeboat.catalog.PackageCopy;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.logging.LifeboatLog;

/**
 * Copies packages to their source's repositories and verifies copies, recording each state in
 * {@link PackageCopies}. Not transactional itself: an upload may take long, each state change commits on its own.
 */
@ApplicationScoped
public class OffsiteCopies {

    @Inject
    RepositoryRegistry registry;

    @Inject
    PackageCopies copies;

    @Inject
    LifeboatSettings settings;

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
            lines.add(r.name() + ": " + copy(p, r).getState().toString().toLowerCase());
        }
        return lines;
    }

    /** Copies {@code p} to {@code r} unless it is copied there already; records and returns the copy's state. */
    public PackageCopy copy(BackupPackage p, Repository r) {
        Path file = Path.of(p.getFile());
        String key = r.keyOf(p.getSource(), file.getFileName().toString());
        PackageCopy c = copies.pending(p.getId(), r.name(), key);
        if (c.getState() == PackageCopy.State.COPIED || c.getState() == PackageCopy.State.VERIFIED) {
            return c;
        }
        if (c.getState() == PackageCopy.State.FAILED) {
            c = copies.mark(p.getId(), r.name(), PackageCopy.State.PENDING, null);
        }
        long started = System.nanoTime();
        try (S3Store store = new S3Store(r)) {
            var existing = store.head(key);
            if (existing.isPresent()) { // a restart after the upload completed: the same object, or someone else's
                if (p.getSha256().equals(existing.get().sha256()) && existing.get().bytes() == p.getSizeBytes()) {
                    return copies.copied(p.getId(), r.name(), existing.get().bytes(), 0);
                }
                throw new ObjectExistsException(r.name(), key);
            }
            S3Store.StoredObject stored = store.upload(file, key, p.getSha256());
            long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
            LifeboatLog.LOG.packageCopied(p.getId(), r.name(), key, stored.bytes(), millis,
                    stored.bytes() / 1e6 / (millis / 1000.0));
            return copies.copied(p.getId(), r.name(), stored.bytes(), millis);
        } catch (IOException | RuntimeException e) {
            String reason = "copy to " + r.endpoint() + " failed: " + reason(e);
            LifeboatLog.LOG.copyFailed(p.getId(), r.name(), reason);
            return copies.mark(p.getId(), r.name(), PackageCopy.State.FAILED, reason);
        }
    }

    /**
     * Reads the copy of {@code p} in {@code repository} back and checks it: the object's SHA-256 against the
     * catalog's, then every entry's checksum and every table's row count as {@link PackageVerifier} does. The
     * verifier needs random access (a tar file's entries), so the object is streamed to a temporary file under the
     * work folder, deleted afterwards. The copy's state becomes verified or failed with the problems.
     */
    public PackageVerifier.Result verify(BackupPackage p, Repository r) {
        PackageCopy c = copies.find(p.getId(), r.name()).orElseThrow(() -> new NoCopyException(p.getId(), r.name()));
        List<String> problems = new ArrayList<>();
        PackageVerifier.Result result;
        Path temp = null;
        try (S3Store store = new S3Store(r)) {
            if (store.head(c.getObjectKey()).isEmpty()) {
                problems.add("the object " + c.getObjectKey() + " is not in repository " + r.name());
                result = new PackageVerifier.Result(false, problems, 0, 0);
            } else {
                Path work = settings.workDir();
                Files.createDirectories(work);
                temp = Files.createTempFile(work, "verify-" + p.getId() + "-", ".lifeboat.tar");
                String sha;
                try (OutputStream out = Files.newOutputStream(temp)) {
                    sha = store.download(c.getObjectKey(), out);
                }
                if (!sha.equals(p.getSha256())) {
                    problems.add("the object " + c.getObjectKey() + " in repository " + r.name() + " has SHA-256 "
                            + sha + ", the catalog says " + p.getSha256());
                }
                PackageVerifier.Result entries = PackageVerifier.verify(temp);
                problems.addAll(entries.problems());
                result = new PackageVerifier.Result(problems.isEmpty(), List.copyOf(problems),
                        entries.entriesChecked(), entries.rowsChecked());
            }
        } catch (IOException | RuntimeException e) {
            problems.add("the object " + c.getObjectKey() + " cannot be read from repository " + r.name() + ": "
                    + reason(e));
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

    /** What a rescan found: packages catalogued now, keys already known, objects that are not packages. */
    public record Rescan(List<Long> added, int known, List<String> problems) {}

    /**
     * Catalogs every package of repository {@code r} the catalog does not know yet, from its manifest (the first
     * entry: only the start of each object is read) and the object's size and SHA-256: source, scope, time, size,
     * rows per table become a recovery point again, its copy in {@code r} COPIED. Such a package has no local
     * file (its {@code file} is the object's s3:// address) and is catalogued as an upload (untrusted).
     */
    public Rescan rescan(Repository r, String by) {
        List<Long> added = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int known = 0;
        try (S3Store store = new S3Store(r)) {
            for (String key : store.keys(".lifeboat.tar")) {
                if (copies.known(r.name(), key)) {
                    known++;
                    continue;
                }
                try {
                    var head = store.head(key).orElseThrow(() -> new IOException("gone while listing"));
                    var m = store.manifest(key);
                    java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
                    long rows = 0;
                    if (m.tables() != null) {
                        for (var t : m.tables()) {
                            counts.put(t.schema() + "." + t.name(), t.rows());
                            rows += t.rows();
                        }
                    }
                    java.time.Instant created = java.time.Instant.parse(m.createdAt());
                    java.time.Instant completed = m.completedAt() == null ? created
                            : java.time.Instant.parse(m.completedAt());
                    BackupPackage p = new BackupPackage(m.source(), m.scope(), created, completed, head.bytes(),
                            "s3://" + r.bucket() + "/" + key, head.sha256(),
                            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(counts), rows, null,
                            null, by);
                    added.add(copies.found(p, r.name(), key).getId());
                } catch (IOException | RuntimeException e) {
                    problems.add(key + ": " + reason(e));
                }
            }
        }
        return new Rescan(added, known, problems);
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
