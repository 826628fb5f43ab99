package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lifeboat.audit.AuditLog;
import org.lifeboat.batch.RestoreLauncher;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.catalog.PackageCatalog;
import org.lifeboat.catalog.PackageIntake;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.restore.DryRun;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.source.SourceRegistry;

/**
 * The restore page: pick a catalogued package or upload one, choose the mode, see the dry-run report, then
 * restore. A clean restore is offered to backup admins only and needs "RESTORE CLEAN" typed; the server checks
 * both again whatever the page sent.
 */
@Named
@ViewScoped
public class RestoreBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    ConsoleUser user;

    @Inject
    PackageCatalog catalog;

    @Inject
    PackageIntake intake;

    @Inject
    LifeboatSettings settings;

    @Inject
    SourceRegistry sources;

    @Inject
    DryRun dryRun;

    @Inject
    RestoreLauncher launcher;

    @Inject
    AuditLog audit;

    private List<BackupPackage> packages;
    private Long backupId;
    private transient Part upload;
    private String mode = "merge";
    private String confirmation;
    private Map<String, Object> report;

    @PostConstruct
    void load() {
        packages = catalog.list(null);
        if (backupId == null && !packages.isEmpty()) {
            backupId = packages.get(0).getId();
        }
    }

    public void uploadPackage() {
        if (!user.require(user.isOperator(), "uploading packages") || upload == null) {
            return;
        }
        try (InputStream in = upload.getInputStream()) {
            BackupPackage p = intake.accept(in, upload.getSubmittedFileName(), settings.uploadMaxBytes(), user.getName());
            audit.record(user.getName(), "UPLOAD", p.getScope(), p.getSource(), AuditLog.ALLOWED, p.getFile(), null,
                    "uploaded from the console");
            backupId = p.getId();
            packages = catalog.list(null);
            Pages.info("Package accepted as " + p.getId() + " (" + p.getSource() + ", " + p.getScope() + ").");
        } catch (Exception e) {
            audit.record(user.getName(), "UPLOAD", null, null, AuditLog.REFUSED, upload.getSubmittedFileName(), null,
                    e.getMessage());
            Pages.error(e);
        }
    }

    public void rehearse() {
        RestoreMode m = RestoreMode.parse(mode);
        if (!allowed(m)) {
            return;
        }
        try {
            BackupPackage p = catalog.find(backupId).orElseThrow();
            report = RestoreReportJson.toMap(dryRun.run(Path.of(p.getFile()), sources.profile(p.getSource()), m,
                    p.trusted(), false));
            audit.record(user.getName(), "RESTORE_DRY_RUN", m.toString(), p.getSource(), AuditLog.ALLOWED, p.getFile(),
                    null, "dry run from the console");
        } catch (Exception e) {
            Pages.error(e);
        }
    }

    public String restore() {
        RestoreMode m = RestoreMode.parse(mode);
        if (!allowed(m)) {
            return null;
        }
        BackupPackage p = catalog.find(backupId).orElseThrow();
        if (m == RestoreMode.CLEAN && !RestoreLauncher.CONFIRMATION.equals(confirmation)) {
            audit.record(user.getName(), "RESTORE", m.toString(), p.getSource(), AuditLog.REFUSED, p.getFile(), null,
                    "clean restore without the typed confirmation");
            Pages.error(new IllegalArgumentException("Type RESTORE CLEAN to confirm a clean restore."));
            return null;
        }
        try {
            long id = launcher.start(p, p.getSource(), m, true, false, user.getName());
            return "/jobs.xhtml?faces-redirect=true&execution=" + id;
        } catch (RuntimeException e) {
            Pages.error(e);
            return null;
        }
    }

    /** Operators merge; replace and clean are for backup admins. A forged request gets 403. */
    private boolean allowed(RestoreMode m) {
        boolean ok = m == RestoreMode.MERGE ? user.isOperator() : user.isAdmin();
        if (!ok) {
            audit.record(user.getName(), "RESTORE", m.toString(), null, AuditLog.REFUSED, null, null,
                    "console: role does not allow a " + m + " restore");
        }
        return user.require(ok, "a " + m + " restore");
    }

    public List<String> getModes() {
        return user.isAdmin() ? List.of("merge", "replace", "clean") : List.of("merge");
    }

    public List<BackupPackage> getPackages() {
        return packages;
    }

    public Long getBackupId() {
        return backupId;
    }

    public void setBackupId(Long backupId) {
        this.backupId = backupId;
    }

    public Part getUpload() {
        return upload;
    }

    public void setUpload(Part upload) {
        this.upload = upload;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }

    public Map<String, Object> getReport() {
        return report;
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getReportTables() {
        return report == null ? List.of() : (List<Map<String, Object>>) report.get("tables");
    }

    @SuppressWarnings("unchecked")
    public List<String> getReportProblems() {
        return report == null ? List.of() : (List<String>) report.get("problems");
    }
}
