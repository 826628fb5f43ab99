package org.lifeboat.console;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.operations.InvalidRequestException;
import org.lifeboat.operations.PackageService;
import org.lifeboat.operations.RestoreRequest;
import org.lifeboat.operations.RestoreService;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.security.ForbiddenException;
import org.lifeboat.security.Permissions;

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
    PackageService packageService;

    @Inject
    RestoreService restores;

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
        if (upload == null) {
            Pages.error(new IllegalArgumentException("Choose a package file to upload."));
            return;
        }
        try {
            Part file = upload;
            BackupPackage p = packageService.upload(user.caller(), () -> new PackageService.Incoming(
                    file.getInputStream(), file.getSubmittedFileName()));
            backupId = p.getId();
            packages = visiblePackages();
            Pages.info("Package accepted as " + p.getId() + " (" + p.getSource() + ", " + p.getScope() + ").");
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage()); // the service audited it
        } catch (Exception e) {
            Pages.error(e);
        }
    }

    public String rehearse() {
        try {
            RestoreService.DryRunResult result = restores.dryRun(user.caller(), request(), false);
            if (result.executionId() != null) { // a large package: the job's page shows the report when it is done
                return "/jobs.xhtml?faces-redirect=true&execution=" + result.executionId();
            }
            report = RestoreReportJson.toMap(result.report());
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
        } catch (Exception e) {
            Pages.error(e);
        }
        return null;
    }

    public String restore() {
        try {
            long id = restores.start(user.caller(), request());
            return "/jobs.xhtml?faces-redirect=true&execution=" + id;
        } catch (ForbiddenException refused) {
            user.refuse(refused.getMessage());
        } catch (InvalidRequestException e) {
            Pages.error(new IllegalArgumentException("confirmation missing".equals(e.error())
                    ? "Type RESTORE CLEAN to confirm a clean restore." : e.getMessage()));
        } catch (Exception e) {
            Pages.error(e);
        }
        return null;
    }

    /** The page's choice as the service's request: the package into its own source, with its storage files. */
    private RestoreRequest request() {
        return RestoreRequest.of(backupId, RestoreRequest.mode(mode), confirmation);
    }

    /** The packages the signed-in user may see: a department admin only its department's (the page lists these). */
    private List<BackupPackage> visiblePackages() {
        return packageService.list(user.caller(), null);
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
