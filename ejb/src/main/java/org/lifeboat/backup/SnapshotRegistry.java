package org.lifeboat.backup;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds, per running job execution, the connection whose open transaction keeps an exported snapshot alive.
 * The snapshot exists only while that transaction does, so the connection stays here from the snapshot step
 * until the package is sealed or the job ends.
 */
@ApplicationScoped
public class SnapshotRegistry {

    private record Held(Connection connection, String snapshotId) {}

    private final Map<Long, Held> held = new ConcurrentHashMap<>();

    public void hold(long executionId, Connection connection, String snapshotId) {
        release(executionId);
        held.put(executionId, new Held(connection, snapshotId));
    }

    /** The snapshot of a running execution; fails if it is gone (server restart: the job must be restarted). */
    public String snapshotId(long executionId) {
        Held h = held.get(executionId);
        if (h == null) {
            throw new IllegalStateException("the snapshot of execution " + executionId
                    + " is gone (the server restarted or the job ended); restart the job to take a new one");
        }
        return h.snapshotId();
    }

    public void release(long executionId) {
        Held h = held.remove(executionId);
        if (h != null) {
            SnapshotSession.end(h.connection());
            try {
                h.connection().close();
            } catch (SQLException ignored) {
                // the pool discards a broken connection
            }
        }
    }

    @PreDestroy
    void releaseAll() {
        held.keySet().forEach(this::release);
    }
}
