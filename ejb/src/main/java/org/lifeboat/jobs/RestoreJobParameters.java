package org.lifeboat.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The parameters of the {@code restore} job (see batch-jobs' restore.xml): what the services start it with and what
 * its artifacts read back.
 *
 * @param backupId             the catalogued package
 * @param source               the source restored into
 * @param mode                 merge, replace or clean ({@code org.lifeboat.restore.RestoreMode})
 * @param confirm              {@value #CONFIRMATION} for clean
 * @param restoreStorage       put the package's storage files back (default true)
 * @param restoreConfiguration put the package's configuration files back (default false)
 * @param skipShared           an import: never write the profile's shared tables
 * @param importScope          an import: the department or subsystem whose tables alone the package may carry
 * @param allowUploadedSchema  a backup-admin lets an unsigned upload's schema SQL run, filtered, into an empty database
 * @param allowOtherSource     a backup-admin restores the package into another source than its own
 * @param datasource           the JNDI name of the source's datasource at start (an abandon finds its staging there)
 * @param requestedBy          who the job runs as
 * @param threads              parallel staging partitions
 * @param chunkRows            rows per checkpoint
 */
public record RestoreJobParameters(long backupId, String source, String mode, String confirm, boolean restoreStorage,
                                   boolean restoreConfiguration, boolean skipShared, String importScope,
                                   boolean allowUploadedSchema, boolean allowOtherSource, String datasource,
                                   String requestedBy, Integer threads, Integer chunkRows) {

    public static final String JOB = "restore";
    /** The job that rehearses a restore of a large package (same parameters; changes nothing). */
    public static final String DRY_RUN_JOB = "dry-run";
    /** The typed confirmation a clean restore needs. */
    public static final String CONFIRMATION = "RESTORE CLEAN";

    public RestoreJobParameters {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a restore needs a source");
        }
        mode = mode == null || mode.isBlank() ? "merge" : mode;
    }

    /** A department or subsystem import: merge, never the shared tables, no storage files. */
    public boolean isImport() {
        return importScope != null;
    }

    public Map<String, String> toMap() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("backupId", Long.toString(backupId));
        p.put("source", source);
        p.put("mode", mode);
        JobParameters.put(p, "confirm", confirm);
        p.put("restoreStorage", Boolean.toString(restoreStorage));
        p.put("restoreConfiguration", Boolean.toString(restoreConfiguration));
        if (skipShared) {
            p.put("skipShared", "true");
        }
        JobParameters.put(p, "importScope", importScope);
        if (allowUploadedSchema) {
            p.put("allowUploadedSchema", "true");
        }
        if (allowOtherSource) {
            p.put("allowOtherSource", "true");
        }
        JobParameters.put(p, "datasource", datasource);
        JobParameters.put(p, "requestedBy", requestedBy);
        JobParameters.put(p, "threads", threads);
        JobParameters.put(p, "chunkRows", chunkRows);
        return p;
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.putAll(toMap());
        return p;
    }

    public static RestoreJobParameters from(Properties properties) {
        return from(JobParameters.of(properties));
    }

    public static RestoreJobParameters from(Map<String, String> parameters) {
        return from(JobParameters.of(parameters));
    }

    private static RestoreJobParameters from(JobParameters p) {
        Long id = p.number("backupId");
        if (id == null) {
            throw new IllegalArgumentException("job parameter 'backupId' is missing");
        }
        return new RestoreJobParameters(id, p.required("source"), p.text("mode"), p.text("confirm"),
                p.flag("restoreStorage", true), p.flag("restoreConfiguration", false), p.flag("skipShared", false),
                p.text("importScope"), p.flag("allowUploadedSchema", false), p.flag("allowOtherSource", false),
                p.text("datasource"), p.text("requestedBy"), p.integer("threads"), p.integer("chunkRows"));
    }
}
