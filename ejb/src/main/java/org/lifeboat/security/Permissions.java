package org.lifeboat.security;

import java.util.Map;
import org.lifeboat.jobs.BackupJobParameters;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.restore.RestoreMode;

/**
 * Every permission of Lifeboat, decided here and nowhere else. REST resources, console beans and the scheduler
 * ask; none of them compares role names.
 *
 * <table>
 *   <caption>who may do what</caption>
 *   <tr><th>action</th><th>backup-admin</th><th>backup-operator</th><th>auditor</th><th>department admin</th></tr>
 *   <tr><td>back up</td><td>any scope</td><td>any scope</td><td>-</td><td>its department / subsystems</td></tr>
 *   <tr><td>restore merge</td><td>yes</td><td>yes</td><td>-</td><td>-</td></tr>
 *   <tr><td>restore replace / clean</td><td>yes</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>restore into another source than the package's</td><td>when asked for that restore</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>run the DDL of an uploaded package</td><td>when asked for that restore</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>export / import a department</td><td>yes</td><td>-</td><td>-</td><td>its own, of its source</td></tr>
 *   <tr><td>upload, download</td><td>yes</td><td>yes</td><td>-</td><td>-</td></tr>
 *   <tr><td>verify (locally or a copy in a repository)</td><td>yes</td><td>yes</td><td>yes</td><td>its department's packages</td></tr>
 *   <tr><td>copy a package to a repository by hand</td><td>yes</td><td>yes</td><td>-</td><td>-</td></tr>
 *   <tr><td>rescan a repository into the catalog</td><td>yes</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>read the audit log</td><td>yes</td><td>-</td><td>yes</td><td>-</td></tr>
 *   <tr><td>delete, schedules, retention</td><td>yes</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>stop / restart / abandon a job</td><td colspan="4">whoever may start that job</td></tr>
 * </table>
 */
public final class Permissions {

    private Permissions() {}

    public static Decision mayBackup(Caller c, String source, String departmentOfScope) {
        if (c.has(Role.ADMIN) || c.has(Role.OPERATOR)) {
            return Decision.ALLOWED;
        }
        if (departmentOfScope != null && c.administers(source, departmentOfScope)) {
            return Decision.ALLOWED;
        }
        return Decision.refused("a backup needs the backup-admin or backup-operator role; a department admin may "
                + "back up only its own department (or its subsystems) of its own source");
    }

    /** Whether the caller may back up anything at all (asked before the request is looked at). */
    public static Decision mayStartBackups(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) || c.has(Role.DEPARTMENT_ADMIN) ? Decision.ALLOWED
                : Decision.refused("a backup needs the backup-admin or backup-operator role; a department admin may "
                + "back up only its own department (or its subsystems) of its own source");
    }

    public static Decision mayRestore(Caller c, RestoreMode mode) {
        if (c.has(Role.ADMIN)) {
            return Decision.ALLOWED;
        }
        if (mode == RestoreMode.MERGE && c.has(Role.OPERATOR)) {
            return Decision.ALLOWED;
        }
        return Decision.refused(mode == RestoreMode.MERGE
                ? "a merge restore needs the backup-admin or backup-operator role"
                : "only a backup-admin may run a " + mode + " restore");
    }

    /** Running the schema DDL an uploaded (unsigned) package carries, for one restore. */
    public static Decision mayRunUploadedSchema(Caller c) {
        return c.has(Role.ADMIN) ? Decision.ALLOWED
                : Decision.refused("only a backup-admin may allow the schema SQL of an uploaded package to run");
    }

    /** Restoring a package into a source of another name than the one it was made from (a new instance). */
    public static Decision mayRestoreIntoOtherSource(Caller c) {
        return c.has(Role.ADMIN) ? Decision.ALLOWED
                : Decision.refused("only a backup-admin may restore a package into another source than its own");
    }

    /** Export or import of a department (or of a subsystem of it). */
    public static Decision mayTransfer(Caller c, String source, String department) {
        if (c.has(Role.ADMIN) || c.administers(source, department)) {
            return Decision.ALLOWED;
        }
        return Decision.refused("only a backup-admin or the admin of department " + department + " of source "
                + source + " may do this");
    }

    public static Decision mayUpload(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) ? Decision.ALLOWED
                : Decision.refused("an upload needs the backup-admin or backup-operator role");
    }

    public static Decision mayDownload(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) ? Decision.ALLOWED
                : Decision.refused("a download needs the backup-admin or backup-operator role");
    }

    public static Decision mayVerify(Caller c, String source, String departmentOfScope) {
        if (c.has(Role.ADMIN) || c.has(Role.OPERATOR) || c.has(Role.AUDITOR)) {
            return Decision.ALLOWED;
        }
        if (departmentOfScope != null && c.administers(source, departmentOfScope)) {
            return Decision.ALLOWED;
        }
        return Decision.refused("verifying this package needs the backup-admin, backup-operator or auditor role");
    }

    /** Copying a package to a repository by hand (again, after a failed copy). */
    public static Decision mayCopy(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) ? Decision.ALLOWED
                : Decision.refused("copying a package to a repository needs the backup-admin or backup-operator role");
    }

    /** Bringing a package back from a repository to this server (to restore or download it). */
    public static Decision mayFetch(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) ? Decision.ALLOWED
                : Decision.refused("bringing a package back from a repository needs the backup-admin or "
                        + "backup-operator role");
    }

    /** Re-wrapping an encrypted copy for the repository's current keys (key rotation). */
    public static Decision mayRewrap(Caller c) {
        return c.has(Role.ADMIN) ? Decision.ALLOWED
                : Decision.refused("re-wrapping a copy for new keys needs the backup-admin role");
    }

    /** The protection status of every source (a department admin sees its departments on their own pages). */
    public static Decision mayReadStatus(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) || c.has(Role.AUDITOR) ? Decision.ALLOWED
                : Decision.refused("the protection status of all sources needs the backup-admin, backup-operator or "
                        + "auditor role");
    }

    /** Rebuilding catalog entries from the packages of a repository (a new server after the old one is gone). */
    public static Decision mayRescan(Caller c) {
        return c.has(Role.ADMIN) ? Decision.ALLOWED
                : Decision.refused("rescanning a repository into the catalog needs the backup-admin role");
    }

    /** Deleting packages, schedules, retention policies. */
    public static Decision mayAdminister(Caller c) {
        return c.has(Role.ADMIN) ? Decision.ALLOWED : Decision.refused("this needs the backup-admin role");
    }

    /** Reading the audit log (and its CSV export). */
    public static Decision mayReadAudit(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.AUDITOR) ? Decision.ALLOWED
                : Decision.refused("reading the audit log needs the backup-admin or auditor role");
    }

    /**
     * Seeing a source (its tables, departments, datasource): a department admin sees only the sources it holds a
     * department of.
     */
    public static boolean maySeeSource(Caller c, String source) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) || c.has(Role.AUDITOR)
                || c.departments().stream().anyMatch(d -> d.source().equals(source));
    }

    /** Seeing a package or a job of {@code source} (lists and details are filtered by this). */
    public static boolean maySee(Caller c, String source, String departmentOfScope) {
        if (c.has(Role.ADMIN) || c.has(Role.OPERATOR) || c.has(Role.AUDITOR)) {
            return true;
        }
        return departmentOfScope != null && c.administers(source, departmentOfScope);
    }

    /**
     * Stop, restart or abandon: the same right as starting that job.
     *
     * @param jobName    {@code backup} or {@code restore}
     * @param parameters the job's parameters
     * @param department the department its scope belongs to (an export or import), or null
     */
    public static Decision mayControlJob(Caller c, String jobName, Map<String, String> parameters, String department) {
        if (BackupJobParameters.JOB.equals(jobName)) {
            return mayBackup(c, parameters.get("source"), department);
        }
        if (RestoreJobParameters.JOB.equals(jobName) || RestoreJobParameters.DRY_RUN_JOB.equals(jobName)) {
            RestoreJobParameters restore;
            try {
                restore = RestoreJobParameters.from(parameters);
            } catch (IllegalArgumentException malformed) { // started by hand with jboss-cli: only an admin
                return mayAdminister(c);
            }
            if (restore.skipShared() && department != null) {
                return mayTransfer(c, restore.source(), department); // a department import
            }
            if (restore.allowOtherSource()) {
                Decision other = mayRestoreIntoOtherSource(c);
                if (!other.allowed()) {
                    return other;
                }
            }
            if (restore.allowUploadedSchema()) {
                Decision schema = mayRunUploadedSchema(c);
                if (!schema.allowed()) {
                    return schema;
                }
            }
            RestoreMode mode;
            try {
                mode = RestoreMode.parse(restore.mode());
            } catch (RuntimeException unknown) {
                return mayAdminister(c);
            }
            return mayRestore(c, mode);
        }
        return mayAdminister(c);
    }

    /** Reading schedules and retention policies. */
    public static Decision mayReadSchedules(Caller c) {
        return c.has(Role.ADMIN) || c.has(Role.OPERATOR) || c.has(Role.AUDITOR) ? Decision.ALLOWED
                : Decision.refused("schedules and retention are shown to the backup-admin, backup-operator and "
                + "auditor roles");
    }
}
