package org.lifeboat.batch.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.backup.BackupWorkspace;
import org.lifeboat.config.LifeboatSettings;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.restore.FileRehydrator;
import org.lifeboat.restore.RestoreException;
import org.lifeboat.restore.RestoreMode;
import org.lifeboat.restore.RestoreRecord;
import org.lifeboat.restore.RestoreRecords;
import org.lifeboat.restore.RestoreReportJson;
import org.lifeboat.restore.StagingArea;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * Step {@code place-files}, after the apply step's commit: moves the checked files into place (re-extracting any
 * staged copy a crash lost), records the finished restore once, then removes the work folder and the staging
 * area. Every part may run again: a restart after a failure or a crash here places the files again (each by an
 * atomic rename), never applies the rows again, and records the restore only if it is not recorded yet.
 */
@Named
public class PlaceFilesBatchlet extends AbstractBatchlet {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JobContext job;

    @Inject
    RestoreContext context;

    @Inject
    SourceRegistry sources;

    @Inject
    LifeboatSettings settings;

    @Inject
    RestoreRecords records;

    @Override
    public String process() throws Exception {
        RestoreJobParameters p = RestoreContext.parameters(job);
        Profile profile = sources.profile(p.source());
        StagingArea staging = context.staging(job.getInstanceId());
        int placed;
        try (PackageReader pkg = new PackageReader(context.packageFile(p.backupId()))) {
            Manifest manifest = p.allowOtherSource() ? pkg.manifest().withSource(profile.source()) : pkg.manifest();
            try {
                List<FileRehydrator.StagedFile> files = FileRehydrator.restage(pkg, manifest, profile,
                        settings.sourcesDir(), context.filesFolder(job.getInstanceId()), p.restoreStorage(),
                        p.restoreConfiguration());
                placed = FileRehydrator.place(files);
            } catch (IOException | RuntimeException e) {
                throw new RestoreException("the database restore is committed, but its files could not be moved "
                        + "into place: " + e.getMessage() + "; fix that and restart the job to place them", e);
            }
        }
        if (records.forJobInstance(job.getInstanceId()).isEmpty()) {
            records.record(new RestoreRecord(job.getInstanceId(), job.getExecutionId(), p.backupId(), p.source(),
                    RestoreMode.parse(p.mode()).toString(), p.requestedBy(), report(placed)));
        }
        new BackupWorkspace(context.filesFolder(job.getInstanceId())).delete();
        try (Connection c = sources.dataSource(profile).getConnection()) {
            staging.drop(c);
        }
        context.forget(job.getInstanceId());
        return placed + " files moved into place";
    }

    /** The apply step's report with the files placed; a note instead when a crash lost it. */
    @SuppressWarnings("unchecked")
    private String report(int placed) throws IOException {
        String saved = context.report(job.getInstanceId());
        Map<String, Object> report = saved != null ? RestoreReportJson.read(saved)
                : new java.util.LinkedHashMap<>(Map.of("ok", true, "notes", new ArrayList<>()));
        List<Object> notes = new ArrayList<>((List<Object>) report.getOrDefault("notes", List.of()));
        if (saved == null) {
            notes.add("the apply step's report was lost with a crash; the data was applied and checked");
        }
        if (placed > 0) {
            notes.add(placed + " files moved into place after the database commit");
        }
        report.put("notes", notes);
        return JSON.writeValueAsString(report);
    }
}
