package org.lifeboat.batch;

import org.lifeboat.logging.LifeboatLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * At start-up, marks executions that the job repository still shows as running as FAILED: this server was not
 * running a moment ago, so they were cut off by a crash (kill -9, power loss). Marked FAILED, they show the
 * truth and can be restarted from their last checkpoint. Assumes one Lifeboat server per job repository (a
 * second server sharing it would have its running jobs marked too).
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class StaleExecutionRecovery {

    private static final String RUNNING = "('STARTING', 'STARTED', 'STOPPING')";
    private static final String REASON = "FAILED: the server stopped while this execution ran (crash or kill); restart it";

    @Resource(lookup = "java:jboss/datasources/LifeboatJobsDS")
    DataSource jobRepository;

    @PostConstruct
    void markCrashedExecutions() {
        try (Connection c = jobRepository.getConnection()) {
            c.setAutoCommit(false);
            int partitions = update(c, "UPDATE partition_execution SET batchstatus = 'FAILED', exitstatus = ? "
                    + "WHERE batchstatus IN " + RUNNING);
            int steps = update(c, "UPDATE step_execution SET batchstatus = 'FAILED', exitstatus = ?, "
                    + "endtime = now() WHERE batchstatus IN " + RUNNING);
            int jobs = update(c, "UPDATE job_execution SET batchstatus = 'FAILED', exitstatus = ?, endtime = now(), "
                    + "lastupdatedtime = now() WHERE batchstatus IN " + RUNNING);
            c.commit();
            if (jobs > 0) {
                LifeboatLog.LOG.staleExecutionsFailed(jobs, steps, partitions);
            }
        } catch (SQLException e) {
            // before the first job ever ran, JBeret has not created its tables yet: nothing to recover
            LifeboatLog.LOG.debug("no job repository to recover yet", e);
        }
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, REASON);
            return ps.executeUpdate();
        }
    }
}
