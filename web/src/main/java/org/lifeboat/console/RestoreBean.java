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
import org.lifeboat.security.CurrentCaller;
import org.lifeboat.security.Permissions;
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
    CurrentCaller caller;

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
        packages = visiblePackages();
        if (backupId == null && !packages.isEmpty()) {
            backupId = packages.get(0).getId();
        }
    }

    public void uploadPackage() {
        if (!user.require(Permissions.mayUpload(user.caller()), "UPLOAD", null) || upload == null) {
            return;
        }
        try (InputStream in = upload.getInputStream()) {
            BackupPackage p = intake.accept(in, upload.getSubmittedFileName(), settings.uploadMaxBytes(), user.getName());
            audit.record(user.getName(), "UPLOAD", p.getScope(), p.getSource(), AuditLog.ALLOWED, p.getFile(), null,
                    "uploaded from the console");
            backupId = p.getId();
            packages = visiblePackages();
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
            BackupPackage p = chosen();
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
        BackupPackage p;
        try {
            p = chosen();
        } catch (IllegalArgumentException e) {
            Pages.error(e);
            return null;
        }
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

    /** Operators merge; replace and clean are for backup admins (Permissions). A forged request gets 403. */
    private boolean allowed(RestoreMode m) {
        return user.require(Permissions.mayRestore(user.caller(), m), "RESTORE", m.toString());
    }

    /** The chosen package, if the signed-in user may see it. */
    private BackupPackage chosen() {
        return packages.stream().filter(p -> backupId != null && p.getId() == backupId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no package " + backupId
                        + " you may restore; choose one from the list."));
    }

    /** The packages the signed-in user may see: a department admin only its department's (the page lists these). */
    private List<BackupPackage> visiblePackages() {
        return catalog.list(null).stream().filter(caller::maySee).toList();
    }

    public List<String> getModes() {
        return java.util.Arrays.stream(RestoreMode.values()).filter(m -> Permissions.mayRestore(user.caller(), m)
                .allowed()).map(RestoreMode::toString).toList();
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
