package org.lifeboat.batch;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One job at a time per source, of any kind (backup, restore, export, import, restart): the check that no
 * execution works on the source and the start of the new one happen under the source's lock, so two requests at
 * the same instant cannot both pass the check. One Lifeboat server per job repository (see README), so a lock in
 * this server is the lease.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// outside the caller's transaction: the new execution is in the job repository (committed) before the lock is
// released, so the next request under the lock sees it running
@jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
public class SourceLease {

    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Inject
    BatchJobs jobs;

    /**
     * Starts a job on {@code source} unless one already works on it ({@link JobConflictException}).
     *
     * @param start starts the job and returns its execution id (JBeret has it STARTING when this returns)
     */
    public long startExclusive(String source, LongSupplier start) {
        synchronized (locks.computeIfAbsent(source, s -> new Object())) {
            List<Long> running = jobs.runningAny("source", source);
            if (!running.isEmpty()) {
                throw new JobConflictException(source, running.get(0));
            }
            return start.getAsLong();
        }
    }
}
