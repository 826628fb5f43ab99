package org.lifeboat.batch.restore;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.jobs.RestoreJobParameters;
import org.lifeboat.progress.ProgressTracker;
import org.lifeboat.restore.StagingArea;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SourceRegistry;

/**
 * COPYs each chunk into the table's staging table. Staging commits on its own connection, so after a crash it
 * may hold rows past the checkpoint: {@link #open} removes them, and loading is idempotent.
 */
@Named
public class StagingWriter extends AbstractItemWriter {

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String table;

    @Inject
    RestoreContext context;

    @Inject
    SourceRegistry sources;

    @Inject
    ProgressTracker progress;

    private Connection connection;
    private StagingArea staging;
    private Manifest.TableEntry entry;
    private int index;
    private long lastLine;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        RestoreJobParameters p = RestoreContext.parameters(job);
        index = Integer.parseInt(table);
        if (index < 0 || context.direct(job.getInstanceId(), p.source()).contains(index)) {
            return; // no table, or one copied straight into its empty live table at apply time (no rows come)
        }
        entry = context.manifest(job.getInstanceId(), p.backupId()).tables().get(index);
        Profile profile = sources.profile(p.source());
        connection = sources.dataSource(profile).getConnection();
        connection.setAutoCommit(true);
        staging = context.staging(job.getInstanceId());
        lastLine = checkpoint == null ? 0 : (Long) checkpoint;
        staging.truncateAfter(connection, index, lastLine);
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<String[]> rows = new ArrayList<>(items.size());
        for (Object item : items) {
            rows.add(((StagedRow) item).values());
        }
        long first = ((StagedRow) items.get(0)).line();
        staging.load(connection, index, entry.columns().size(), rows, first);
        lastLine = ((StagedRow) items.get(items.size() - 1)).line();
        progress.report(job.getInstanceId(), PackageRowReader.STEP, index, entry.schema() + "." + entry.name(),
                lastLine, -1);
    }

    @Override
    public Serializable checkpointInfo() {
        return lastLine;
    }

    @Override
    public void close() throws Exception {
        if (connection != null) {
            connection.close();
        }
    }
}
