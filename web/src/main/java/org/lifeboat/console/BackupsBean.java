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
    org.lifeboat.security.CurrentCaller caller;

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
    private List<String> sourceNames;

    @PostConstruct
    void load() {
        packages = catalog.list(null).stream().filter(caller::maySee).toList();
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
        if (!permitted(org.lifeboat.security.Permissions.mayBackup(user.caller(), source,
                sources.departmentOf(source, scope)), "BACKUP", scope, source, null)) {
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
        BackupPackage p = visible(id);
        if (p == null || !permitted(org.lifeboat.security.Permissions.mayVerify(user.caller(), p.getSource(),
                sources.departmentOf(p.getSource(), p.getScope())), "VERIFY", p.getScope(), p.getSource(), p.getFile())) {
            return;
        }
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
        BackupPackage p = visible(id);
        if (p == null || !permitted(org.lifeboat.security.Permissions.mayAdminister(user.caller()), "DELETE", p.getScope(),
                p.getSource(), p.getFile())) {
            return;
        }
        catalog.remove(id);
        Files.deleteIfExists(Path.of(p.getFile()));
        audit.record(user.getName(), "DELETE", p.getScope(), p.getSource(), AuditLog.ALLOWED, p.getFile(),
                p.getJobExecutionId(), "package " + id + " deleted from the console");
        Pages.info("Package " + id + " deleted.");
        load();
    }

    /** Streams the package file as the response of this POST (no second request, no buffering). */
    public void download(long id) throws IOException {
        BackupPackage p = visible(id);
        if (p == null || !permitted(org.lifeboat.security.Permissions.mayDownload(user.caller()), "DOWNLOAD", p.getScope(),
                p.getSource(), p.getFile())) {
            return;
        }
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

    /** A package the signed-in user may see; any other id is answered as unknown. */
    private BackupPackage visible(long id) {
        BackupPackage found = packages.stream().filter(p -> p.getId() == id).findFirst().orElse(null);
        if (found == null) {
            Pages.error(new IllegalArgumentException("There is no package " + id + " you may act on."));
        }
        return found;
    }

    /** Whether Permissions allow it; a refusal is audited once and answered 403. */
    private boolean permitted(org.lifeboat.security.Decision decision, String action, String scope, String target,
                              String file) {
        if (decision.allowed()) {
            return true;
        }
        audit.record(user.getName(), action, scope, target, AuditLog.REFUSED, file, null, decision.reason());
        user.refuse(decision.reason());
        return false;
    }

    public List<BackupPackage> getPackages() {
        return packages;
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
