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
import java.util.Map;
import org.lifeboat.archive.PackageVerifier;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.batch.BackupLauncher;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
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
    SourceRegistry sources;

    @Inject
    PackageCatalog catalog;

    @Inject
    BackupLauncher launcher;

    @Inject
    AuditLog audit;

    private String source;
    private String scope = "full";
    private List<BackupPackage> packages;
    private List<String> scopes;

    @PostConstruct
    void load() {
        packages = catalog.list(null);
        List<Profile> profiles = sources.profiles();
        if (source == null && !profiles.isEmpty()) {
            source = profiles.get(0).source();
        }
        scopes = new java.util.ArrayList<>(List.of("full", "database", "storage", "configuration"));
        for (Profile p : profiles) {
            p.departments().forEach(d -> {
                scopes.add("department:" + d.id());
                d.subsystems().forEach(s -> scopes.add("subsystem:" + s.id()));
            });
        }
    }

    public String start() {
        if (!user.require(user.isOperator(), "starting backups")) {
            return null;
        }
        try {
            long id = launcher.start(source, scope, user.getName(), Map.of());
            return "/jobs.xhtml?faces-redirect=true&execution=" + id;
        } catch (RuntimeException e) {
            Pages.error(e);
            return null;
        }
    }

    public void verify(long id) {
        BackupPackage p = catalog.find(id).orElseThrow();
        PackageVerifier.Result r = PackageVerifier.verify(Path.of(p.getFile()));
        audit.record(user.getName(), "VERIFY", p.getScope(), p.getSource(), r.ok() ? AuditLog.ALLOWED : AuditLog.FAILED,
                p.getFile(), p.getJobExecutionId(), r.ok() ? "intact" : String.join("; ", r.problems()));
        if (r.ok()) {
            Pages.info("Package " + id + " is intact: " + r.entriesChecked() + " entries and " + r.rowsChecked()
                    + " rows checked.");
        } else {
            Pages.error(new IllegalStateException("Package " + id + " is damaged: " + String.join("; ", r.problems())));
        }
    }

    public void delete(long id) throws IOException {
        if (!user.require(user.isAdmin(), "deleting packages")) {
            return;
        }
        BackupPackage p = catalog.find(id).orElseThrow();
        catalog.remove(id);
        Files.deleteIfExists(Path.of(p.getFile()));
        audit.record(user.getName(), "DELETE", p.getScope(), p.getSource(), AuditLog.ALLOWED, p.getFile(),
                p.getJobExecutionId(), "package " + id + " deleted from the console");
        Pages.info("Package " + id + " deleted.");
        load();
    }

    /** Streams the package file as the response of this POST (no second request, no buffering). */
    public void download(long id) throws IOException {
        if (!user.require(user.isOperator(), "downloading packages")) {
            return;
        }
        BackupPackage p = catalog.find(id).orElseThrow();
        Path file = Path.of(p.getFile());
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext ec = faces.getExternalContext();
        ec.responseReset();
        ec.setResponseContentType("application/octet-stream");
        ec.setResponseContentLength((int) Math.min(Integer.MAX_VALUE, Files.size(file)));
        ec.setResponseHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
        audit.record(user.getName(), "DOWNLOAD", p.getScope(), p.getSource(), AuditLog.ALLOWED, p.getFile(),
                p.getJobExecutionId(), "downloaded from the console");
        Files.copy(file, ec.getResponseOutputStream());
        faces.responseComplete();
    }

    public List<BackupPackage> getPackages() {
        return packages;
    }

    public List<String> getSourceNames() {
        return sources.profiles().stream().map(Profile::source).toList();
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
