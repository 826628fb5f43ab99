package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.operations.BackupRequest;
import org.lifeboat.operations.BackupService;
import org.lifeboat.operations.PackageService;
import org.lifeboat.security.ForbiddenException;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/** The backups page: start one, list the packages, download, verify, delete. */
@Named
@ViewScoped
public class BackupsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUser user;

    @Inject
    org.lifeboat.security.CurrentCaller caller;

    @Inject
    SourceRegistry sources;

    @Inject
    PackageService service;

    @Inject
    BackupService backups;

    @Inject
    org.lifeboat.operations.RepositoryService repositoryService;

    private String source;
    private String scope = "full";
    private List<BackupPackage> packages;
    private java.util.Map<Long, String> copies; // per package: "offsite: VERIFIED, other: FAILED"
    private java.util.Map<Long, String> fetchable; // per package not on disk: a repository it can come back from
    private List<org.lifeboat.repository.Repository> repositories;
    private List<String> scopes;
    private List<String> sourceNames;

    @PostConstruct
    void load() {
        packages = service.list(user.caller(), null);
        copies = new java.util.HashMap<>();
        fetchable = new java.util.HashMap<>();
        service.copiesOf(packages).forEach((id, list) -> {
            copies.put(id, list.stream()
                    .map(c -> c.getRepository() + ": " + c.getState().toString().toLowerCase()
                            + (c.encrypted() ? ", encrypted" : "")
                            + (c.getReason() == null ? "" : " (" + c.getReason() + ")"))
                    .collect(java.util.stream.Collectors.joining("; ")));
            list.stream().filter(org.lifeboat.catalog.PackageCopy::complete).findFirst().ifPresent(c -> fetchable.put(id, c.getRepository()));
        });
        try {
            repositories = repositoryService.list(user.caller()).stream()
                    .filter(r -> r.kind() == org.lifeboat.repository.Repository.Kind.S3).toList();
        } catch (RuntimeException e) { // repositories.yaml invalid: the page still lists the packages
            repositories = List.of();
            Pages.error(e);
        }
        // the sources and scopes the signed-in user may back up (a department admin: its own departments)
        scopes = new java.util.ArrayList<>();
        sourceNames = new java.util.ArrayList<>();
        for (Profile p : sources.profiles()) {
            List<String> offered = new java.util.ArrayList<>(List.of("full", "database", "storage", "configuration"));
            p.departments().forEach(d -> {
                offered.add("department:" + d.id());
                d.subsystems().forEach(s -> offered.add("subsystem:" + s.id()));
            });
            offered.removeIf(s -> !org.lifeboat.security.Permissions.mayBackup(user.caller(), p.source(),
                    caller.departmentOf(p.source(), s)).allowed());
            if (!offered.isEmpty()) {
                sourceNames.add(p.source());
                offered.stream().filter(s -> !scopes.contains(s)).forEach(scopes::add);
            }
        }
        if (source == null && !sourceNames.isEmpty()) {
            source = sourceNames.get(0);
        }
        if (!scopes.isEmpty() && !scopes.contains(scope)) {
            scope = scopes.get(0);
        }
    }

    /** Whether the page offers to start a backup at all. */
    public boolean isMayStart() {
        return !scopes.isEmpty();
    }

    public String start() {
        try {
            long id = backups.start(user.caller(), BackupRequest.of(source, scope));
            return "/jobs.xhtml?faces-redirect=true&execution=" + id;
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage()); // the service audited it
        } catch (RuntimeException e) {
            Pages.error(e);
        }
        return null;
    }

    public void verify(long id) {
        try {
            PackageVerifier.Result r = service.verify(user.caller(), id);
            if (r.ok()) {
                Pages.info("Package " + id + " is intact: " + r.entriesChecked() + " entries and " + r.rowsChecked()
                        + " rows checked.");
            } else {
                Pages.error(new IllegalStateException("Package " + id + " is damaged: "
                        + String.join("; ", r.problems())));
            }
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
        } catch (RuntimeException e) {
            Pages.error(e);
        }
    }

    /** Brings a package that is only in a repository back to this server (with the key the server holds). */
    public void fetch(long id) {
        try {
            String repository = fetchable.get(id);
            if (repository == null) {
                Pages.error(new IllegalStateException("Package " + id + " has no copy to bring back."));
                return;
            }
            BackupPackage p = service.fetch(user.caller(), id,
                    new org.lifeboat.operations.FetchRequest(repository, null, null, null));
            Pages.info("Package " + id + " is back from " + repository + ": " + p.getFile() + ".");
            load();
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
        } catch (IOException | RuntimeException e) {
            Pages.error(e);
        }
    }

    /** Catalogs the packages of an s3 repository that the catalog does not know (backup-admin). */
    public void rescan(String repository) {
        try {
            var found = repositoryService.rescan(user.caller(), repository);
            Pages.info(found.added().size() + " package(s) catalogued from " + repository + ", " + found.known()
                    + " already known" + (found.problems().isEmpty() ? "." : "; not packages: "
                    + String.join("; ", found.problems())));
            load();
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
        } catch (RuntimeException e) {
            Pages.error(e);
        }
    }

    /** Whether the package is in a repository only (no file on this server) and can be brought back. */
    public boolean remote(BackupPackage p) {
        return fetchable.containsKey(p.getId()) && !Files.isRegularFile(Path.of(p.getFile()));
    }

    public List<org.lifeboat.repository.Repository> getRepositories() {
        return repositories;
    }

    /** Whom a repository encrypts for, as a line; "none" when it copies packages as they are. */
    public String encryptionOf(org.lifeboat.repository.Repository r) {
        if (r.encryption() == null) {
            return "none";
        }
        return "OpenPGP: " + r.encryption().recipients().size() + " key(s)"
                + (r.encryption().passphrase() != null ? " and a passphrase" : "");
    }

    public void delete(long id) {
        try {
            service.delete(user.caller(), id);
            Pages.info("Package " + id + " deleted.");
            load();
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
        } catch (RuntimeException e) {
            Pages.error(e);
        }
    }

    /** Streams the package file as the response of this POST (no second request, no buffering). */
    public void download(long id) throws IOException {
        Path file;
        try {
            file = service.download(user.caller(), id);
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
            return;
        } catch (RuntimeException e) {
            Pages.error(e);
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ec = faces.getExternalContext();
        ec.responseReset();
        ec.setResponseContentType("application/octet-stream");
        ec.setResponseContentLength((int) Math.min(Integer.MAX_VALUE, Files.size(file)));
        ec.setResponseHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        Files.copy(file, ec.getResponseOutputStream());
        faces.responseComplete();
    }

    public List<BackupPackage> getPackages() {
        return packages;
    }

    /** Where the package is copied to and in which state, as one line (empty: no copies). */
    public String copiesOf(long id) {
        return copies.getOrDefault(id, "");
    }

    public List<String> getSourceNames() {
        return sourceNames;
    }

    public List<String> getScopes() {
        return scopes;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }
}
