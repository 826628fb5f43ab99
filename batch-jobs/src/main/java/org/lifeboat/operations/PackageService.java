package org.lifeboat.operations;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.audit.AuditAction;
import org.lifeboat.audit.AuditEvent;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.catalog.PackageCopies;
import org.lifeboat.catalog.PackageCopy;
import org.lifeboat.repository.NoCopyException;
import org.lifeboat.repository.OffsiteCopies;
import org.lifeboat.repository.Repository;
import org.lifeboat.repository.RepositoryRegistry;
import org.lifeboat.catalog.PackageIntake;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.security.Caller;
import org.lifeboat.security.Permissions;
import org.lifeboat.source.SourceRegistry;

/**
 * The stored packages as a caller may see and act on them: list, upload, download, verify, delete. A package the
 * caller may not see is answered like one that does not exist.
 */
@Stateless
public class PackageService {

    /** Where an upload's bytes come from, opened only once the caller may upload. */
    @FunctionalInterface
    public interface Upload {
        Incoming open() throws IOException;
    }

    /** An upload's stream and the file name the client gave (null when it gave none). */
    public record Incoming(InputStream content, String fileName) {}

    @Inject
    PackageCatalog catalog;

    @Inject
    PackageIntake intake;

    @Inject
    SourceRegistry sources;

    @Inject
    LifeboatSettings settings;

    @Inject
    Gate gate;

    @Inject
    PackageCopies copies;

    @Inject
    OffsiteCopies offsite;

    @Inject
    RepositoryRegistry repositories;

    /** The copies of the given packages in repositories, by package id (only of packages the caller sees). */
    public java.util.Map<Long, List<PackageCopy>> copiesOf(List<BackupPackage> visible) {
        return copies.of(visible.stream().map(BackupPackage::getId).toList());
    }

    /** The packages the caller may see (a department admin: its own department's), newest first. */
    public List<BackupPackage> list(Caller caller, String source) {
        return catalog.list(source).stream().filter(p -> maySee(caller, p)).toList();
    }

    /** @throws UnknownResourceException when there is no such package or the caller may not see it */
    public BackupPackage find(Caller caller, long id) {
        return visible(caller, id).orElseThrow(() -> unknown(id));
    }

    private java.util.Optional<BackupPackage> visible(Caller caller, long id) {
        return catalog.find(id).filter(p -> maySee(caller, p));
    }

    private static UnknownResourceException unknown(long id) {
        return new UnknownResourceException("no such backup", "no package with id " + id
                + "; GET /lifeboat/api/backups lists them");
    }

    public boolean maySee(Caller caller, BackupPackage p) {
        return Permissions.maySee(caller, p.getSource(), sources.departmentOf(p.getSource(), p.getScope()));
    }

    /**
     * Takes in a package from elsewhere: size-capped, inspected as untrusted input, then catalogued. A refused
     * upload leaves nothing behind and is audited with the reason.
     *
     * The upload is opened only once the caller may upload; a file that comes without a name is called
     * {@code package.tar}.
     */
    public BackupPackage upload(Caller caller, Upload upload) throws IOException {
        AuditEvent event = AuditEvent.of(caller.name(), AuditAction.UPLOAD);
        gate.check(Permissions.mayUpload(caller), event);
        Incoming incoming;
        try {
            incoming = upload.open();
        } catch (IOException | RuntimeException e) {
            gate.refused(event, e.getMessage());
            throw e;
        }
        String name = named(incoming.fileName(), "package.tar");
        event = event.file(name);
        try (InputStream in = incoming.content()) {
            BackupPackage p = intake.accept(in, name, settings.uploadMaxBytes(), caller.name());
            gate.allowed(event.scope(p.getScope()).target(p.getSource()).file(p.getFile()), "package " + p.getId()
                    + " accepted from " + name + (p.trusted() ? " (signed by this server)"
                    : " (untrusted: not signed by this server)"));
            return p;
        } catch (IOException | RuntimeException e) {
            gate.refused(event, e.getMessage());
            throw e;
        }
    }

    static String named(String fileName, String otherwise) {
        return fileName == null || fileName.isBlank() ? otherwise : fileName;
    }

    /** The package's file, for the caller to stream (the download is audited here, before the first byte). */
    public Path download(Caller caller, long id) {
        java.util.Optional<BackupPackage> visible = visible(caller, id);
        AuditEvent event = event(caller, AuditAction.DOWNLOAD, id, visible);
        gate.check(Permissions.mayDownload(caller), event); // the role first: no hint which packages exist
        BackupPackage p = visible.orElseThrow(() -> unknown(id));
        Path file = Path.of(p.getFile());
        if (!Files.isRegularFile(file)) {
            throw gate.refused(event, missing(p));
        }
        gate.allowed(event, "package " + id);
        return file;
    }

    /** Re-reads the package and checks every checksum and count against its manifest. */
    public PackageVerifier.Result verify(Caller caller, long id) {
        BackupPackage p = find(caller, id);
        AuditEvent event = event(caller, AuditAction.VERIFY, p);
        gate.check(Permissions.mayVerify(caller, p.getSource(), sources.departmentOf(p.getSource(), p.getScope())),
                event);
        PackageVerifier.Result result = PackageVerifier.verify(Path.of(p.getFile()));
        if (result.ok()) {
            gate.allowed(event, "package " + id + " is intact");
        } else {
            gate.failed(event, "package " + id + ": " + String.join("; ", result.problems()));
        }
        return result;
    }

    /**
     * Reads the package's copy in {@code repository} back (streamed to a temporary file under the work folder) and
     * checks the object's SHA-256 against the catalog's and every checksum and count; the copy's state becomes
     * verified or failed with the problems. {@code local} (or null) is the package's own file.
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED) // a download may be long
    public PackageVerifier.Result verify(Caller caller, long id, String repository) {
        if (repository == null || repository.isBlank() || repository.equals(Repository.LOCAL)) {
            return verify(caller, id);
        }
        BackupPackage p = find(caller, id);
        AuditEvent event = event(caller, AuditAction.VERIFY, p).target(p.getSource() + " in " + repository);
        gate.check(Permissions.mayVerify(caller, p.getSource(), sources.departmentOf(p.getSource(), p.getScope())),
                event);
        Repository r;
        try {
            r = repositories.current().named(repository).orElseThrow(() -> new UnknownResourceException(
                    "no such repository", "repository " + repository + " is not configured in repositories.yaml"));
        } catch (org.lifeboat.repository.RepositoryConfigException e) {
            throw gate.refused(event, new InvalidRequestException("repositories.yaml is invalid", e.getMessage()));
        }
        PackageVerifier.Result result;
        try {
            result = offsite.verify(p, r);
        } catch (NoCopyException e) {
            throw gate.refused(event, new UnknownResourceException("no such copy", e.getMessage()));
        }
        if (result.ok()) {
            gate.allowed(event, "package " + id + " in repository " + repository + " is intact");
        } else {
            gate.failed(event, "package " + id + " in repository " + repository + ": "
                    + String.join("; ", result.problems()));
        }
        return result;
    }

    /**
     * Copies the package to {@code repository} now (a copy that failed, or a repository added to the policy later);
     * a package already copied there is left as it is. Audited as COPY.
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED) // an upload may be long
    public PackageCopy copy(Caller caller, long id, String repository) {
        java.util.Optional<BackupPackage> visible = visible(caller, id);
        AuditEvent event = event(caller, AuditAction.COPY, id, visible);
        gate.check(Permissions.mayCopy(caller), event); // the role first: no hint which packages exist
        BackupPackage p = visible.orElseThrow(() -> unknown(id));
        event = event.target(p.getSource() + " to " + repository);
        Repository r = s3Repository(event, repository);
        if (!Files.isRegularFile(Path.of(p.getFile()))) {
            throw gate.refused(event, missing(p));
        }
        PackageCopy c = offsite.copy(p, r);
        if (c.getState() == PackageCopy.State.FAILED) {
            gate.failed(event, "package " + id + " not copied to " + repository + ": " + c.getReason());
        } else {
            gate.allowed(event, "package " + id + " " + c.getState().toString().toLowerCase() + " in " + repository
                    + " as " + c.getObjectKey());
        }
        return c;
    }

    /**
     * Brings a package back from a repository to this server's backup folder (a rescanned package, or one whose
     * local file is gone), decrypting it with the key the request gives or the one the server holds; it is then
     * checked like an upload (catalogued SHA-256, every entry, this server's signature) and can be restored and
     * downloaded. A package already here is answered as it is. Audited as FETCH; the key is never stored.
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED) // a download may be long
    public BackupPackage fetch(Caller caller, long id, FetchRequest request) throws IOException {
        java.util.Optional<BackupPackage> visible = visible(caller, id);
        AuditEvent event = event(caller, AuditAction.FETCH, id, visible);
        gate.check(Permissions.mayFetch(caller), event); // the role first: no hint which packages exist
        BackupPackage p = visible.orElseThrow(() -> unknown(id));
        Keyed keyed = keyed(event, p, request, " from ");
        event = keyed.event();
        Repository r = keyed.repository();
        org.lifeboat.archive.PackageDecryptionKey key = keyed.key();
        if (Files.isRegularFile(Path.of(p.getFile()))) {
            gate.allowed(event, "package " + id + " is on this server already (" + p.getFile() + ")");
            return p;
        }
        BackupPackage back;
        try {
            back = offsite.fetch(p, r, key);
        } catch (NoCopyException e) {
            throw gate.refused(event, new UnknownResourceException("no such copy", e.getMessage()));
        } catch (org.lifeboat.archive.PackageEncryptionException | org.lifeboat.archive.InvalidPackageException
                 | org.lifeboat.catalog.PackageIntake.NotTheCataloguedPackageException e) {
            gate.refused(event, e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            String reason = "package " + id + " could not be brought back from repository " + r.name() + " ("
                    + r.location() + "): " + e.getMessage();
            gate.failed(event, reason);
            throw new RepositoryUnavailableException(reason, e);
        }
        gate.allowed(event.file(back.getFile()), "package " + id + " brought back from " + r.location() + " to "
                + back.getFile() + (back.trusted() ? " (signed by this server)"
                : " (untrusted: not signed by this server)"));
        return back;
    }

    /**
     * Key rotation: re-wraps the session key of the package's encrypted copy in a repository for the repository's
     * recipients as repositories.yaml names them now, without re-encrypting the data; the old session key is opened
     * with the key the request gives or the server's. Audited as REWRAP.
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED) // a download may be long
    public OffsiteCopies.Rewrapped rewrap(Caller caller, long id, FetchRequest request) throws IOException {
        java.util.Optional<BackupPackage> visible = visible(caller, id);
        AuditEvent event = event(caller, AuditAction.REWRAP, id, visible);
        gate.check(Permissions.mayRewrap(caller), event);
        BackupPackage p = visible.orElseThrow(() -> unknown(id));
        Keyed keyed = keyed(event, p, request, " in ");
        event = keyed.event();
        Repository r = keyed.repository();
        org.lifeboat.archive.PackageDecryptionKey key = keyed.key();
        OffsiteCopies.Rewrapped done;
        try {
            done = offsite.rewrap(p, r, key);
        } catch (NoCopyException e) {
            throw gate.refused(event, new UnknownResourceException("no such copy", e.getMessage()));
        } catch (org.lifeboat.archive.PackageEncryptionException e) {
            gate.refused(event, e.getMessage());
            throw e;
        } catch (IOException | RuntimeException e) {
            String reason = "the copy of package " + id + " in repository " + r.name() + " was not re-wrapped: "
                    + e.getMessage();
            gate.failed(event, reason);
            throw new RepositoryUnavailableException(reason, e);
        }
        gate.allowed(event.file(done.copy().getObjectKey()), "copy of package " + id + " in " + r.name()
                + " re-wrapped for " + done.copy().getEncryption() + " as " + done.copy().getObjectKey()
                + "; the old object " + done.oldKey() + " " + done.oldObject());
        return done;
    }

    /** A fetch or re-wrap request, checked: its event naming the repository, the repository, the key given. */
    private record Keyed(AuditEvent event, Repository repository, org.lifeboat.archive.PackageDecryptionKey key) {}

    private Keyed keyed(AuditEvent event, BackupPackage p, FetchRequest request, String preposition) {
        if (request == null || request.repository() == null || request.repository().isBlank()) {
            throw gate.refused(event, new InvalidRequestException("repository missing", "send {\"repository\": "
                    + "\"<name>\"} (and, for an encrypted copy whose key this server lacks, \"passphrase\" or "
                    + "\"privateKey\" with \"privateKeyPassphrase\")"));
        }
        AuditEvent named = event.target(p.getSource() + preposition + request.repository());
        Repository r = s3Repository(named, request.repository());
        try {
            return new Keyed(named, r, decryptionKey(request, p.getId()));
        } catch (IOException e) {
            throw gate.refused(named, new InvalidRequestException("unusable key", e.getMessage()));
        }
    }

    private static org.lifeboat.archive.PackageDecryptionKey decryptionKey(FetchRequest request, long id)
            throws IOException {
        if (request.privateKey() != null && !request.privateKey().isBlank()) {
            char[] keyPassphrase = request.privateKeyPassphrase() == null ? new char[0]
                    : request.privateKeyPassphrase().toCharArray();
            return org.lifeboat.archive.PackageDecryptionKey.privateKey(request.privateKey(), keyPassphrase,
                    "the private key given for package " + id);
        }
        if (request.passphrase() != null && !request.passphrase().isEmpty()) {
            return org.lifeboat.archive.PackageDecryptionKey.passphrase(request.passphrase().toCharArray());
        }
        return null;
    }

    /** The s3 repository {@code name} of repositories.yaml; refused (audited) when there is none. */
    private Repository s3Repository(AuditEvent event, String name) {
        Repository r;
        try {
            r = repositories.current().named(name).orElse(null);
        } catch (org.lifeboat.repository.RepositoryConfigException e) {
            throw gate.refused(event, new InvalidRequestException("repositories.yaml is invalid", e.getMessage()));
        }
        if (r == null || r.kind() != Repository.Kind.S3) {
            throw gate.refused(event, new UnknownResourceException("no such repository", "repository " + name
                    + " is not an s3 repository of repositories.yaml"));
        }
        return r;
    }

    /** The 410 for a package not on disk: where to bring it back from, if anywhere. */
    public PackageFileMissingException missing(BackupPackage p) {
        return new PackageFileMissingException(p.getId(), p.getFile(), copies.of(p.getId()).stream()
                .filter(PackageCopy::complete)
                .map(PackageCopy::getRepository).toList());
    }

    /** Deletes a package: its catalog entry, then its file. */
    public void delete(Caller caller, long id) {
        java.util.Optional<BackupPackage> visible = visible(caller, id);
        AuditEvent event = event(caller, AuditAction.DELETE, id, visible);
        gate.check(Permissions.mayAdminister(caller), event); // the role first: no hint which packages exist
        visible.orElseThrow(() -> unknown(id));
        String file = catalog.remove(id).orElseThrow(() -> new UnknownResourceException("no such backup",
                "package " + id + " was deleted meanwhile"));
        try {
            Files.deleteIfExists(Path.of(file));
        } catch (IOException e) {
            gate.failed(event, "catalog entry removed but the file could not be deleted: " + e.getMessage());
            throw new IllegalStateException("package " + id + " left the catalog but " + file
                    + " could not be deleted: " + e.getMessage(), e);
        }
        gate.allowed(event, "package " + id + " deleted");
    }

    /** The event about package {@code id}, with its scope, source and file when the caller may see it. */
    private static AuditEvent event(Caller caller, AuditAction action, long id,
                                    java.util.Optional<BackupPackage> visible) {
        return visible.map(p -> event(caller, action, p))
                .orElse(AuditEvent.of(caller.name(), action).target("package " + id));
    }

    private static AuditEvent event(Caller caller, AuditAction action, BackupPackage p) {
        return AuditEvent.of(caller.name(), action).scope(p.getScope()).target(p.getSource()).file(p.getFile())
                .job(p.getJobExecutionId());
    }
}
