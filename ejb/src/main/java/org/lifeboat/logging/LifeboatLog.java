package org.lifeboat.logging;

import static org.jboss.logging.Logger.Level.ERROR;
import static org.jboss.logging.Logger.Level.INFO;
import static org.jboss.logging.Logger.Level.WARN;

import java.lang.invoke.MethodHandles;
import org.jboss.logging.BasicLogger;
import org.jboss.logging.Logger;
import org.jboss.logging.annotations.Cause;
import org.jboss.logging.annotations.LogMessage;
import org.jboss.logging.annotations.Message;
import org.jboss.logging.annotations.MessageLogger;

/**
 * Every line Lifeboat writes for an operator, each with a stable id ({@code LIFEBOAT001} ...) an alert rule can
 * match; the README's Logs section lists them. A user error is never one of these: it is the answer to the request
 * and an audit entry. Only {@link #unexpected} is an ERROR.
 */
@MessageLogger(projectCode = "LIFEBOAT", length = 3)
public interface LifeboatLog extends BasicLogger {

    LifeboatLog LOG = Logger.getMessageLogger(MethodHandles.lookup(), LifeboatLog.class, "org.lifeboat");

    @LogMessage(level = WARN)
    @Message(id = 1, value = "marked %d job execution(s), %d step(s) and %d partition(s) cut off by a server stop as "
            + "FAILED; restart them to go on")
    void staleExecutionsFailed(int jobs, int steps, int partitions);

    @LogMessage(level = WARN)
    @Message(id = 2, value = "no default schedules: the profiles cannot be read: %s")
    void noDefaultSchedules(String reason);

    @LogMessage(level = WARN)
    @Message(id = 3, value = "retention of %s failed after a backup (the backup stands): %s")
    void retentionFailed(String source, String reason);

    @LogMessage(level = WARN)
    @Message(id = 4, value = "the audit anchor %s could not be written: %s")
    void auditAnchorNotWritten(String file, String reason);

    @LogMessage(level = INFO)
    @Message(id = 5, value = "the secrets passphrase was put into the credential store '%s' (alias %s); "
            + "LIFEBOAT_SECRETS_PASSPHRASE can now be removed from the server's environment")
    void passphraseStored(String store, String alias);

    @LogMessage(level = WARN)
    @Message(id = 6, value = "no Elytron credential store '%s' is available: the secrets passphrase is read from the "
            + "environment")
    void noCredentialStore(String store);

    @LogMessage(level = WARN)
    @Message(id = 7, value = "the credential store '%s' could not be read (%s): the secrets passphrase is read from the "
            + "environment")
    void credentialStoreUnreadable(String store, String what);

    @LogMessage(level = WARN)
    @Message(id = 8, value = "scheduled backup of schedule %d not started: %s")
    void scheduledBackupNotStarted(long schedule, String reason);

    @LogMessage(level = WARN)
    @Message(id = 9, value = "profile %s is not used: %s (the other sources are)")
    void profileSetAside(String where, String reason);

    @LogMessage(level = WARN)
    @Message(id = 10, value = "the staging schema %s of source %s could not be dropped; drop it by hand: %s")
    void stagingSchemaLeft(String schema, String source, String reason);

    @LogMessage(level = WARN)
    @Message(id = 11, value = "the work folder %s could not be deleted: %s")
    void workFolderLeft(String folder, String reason);

    @LogMessage(level = WARN)
    @Message(id = 12, value = "a refused request could not be audited: %s")
    void refusalNotAudited(String reason);

    @LogMessage(level = ERROR)
    @Message(id = 13, value = "unexpected failure of %s")
    void unexpected(String where, @Cause Throwable cause);

    @LogMessage(level = INFO)
    @Message(id = 14, value = "Lifeboat's database schema is at version %s (%d migration(s) applied now)")
    void schemaAt(String version, int applied);

    @LogMessage(level = INFO)
    @Message(id = 15, value = "package %d copied to repository %s as %s: %d bytes in %d ms (%.1f MB/s)")
    void packageCopied(long backup, String repository, String key, long bytes, long millis, double mbPerSecond);

    @LogMessage(level = WARN)
    @Message(id = 16, value = "package %d was not copied to repository %s (the backup stands): %s")
    void copyFailed(long backup, String repository, String reason);

    @LogMessage(level = WARN)
    @Message(id = 17, value = "no off-site copies: %s")
    void repositoriesUnusable(String reason);

    @LogMessage(level = INFO)
    @Message(id = 18, value = "package %d brought back from repository %s (%s): %d bytes in %d ms")
    void packageFetched(long backup, String repository, String key, long bytes, long millis);
}
