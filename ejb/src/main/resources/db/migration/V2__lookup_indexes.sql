-- Indexes for the lookups the server makes, which the hbm2ddl schema (V1) lacked: every one of them read its whole
-- table. Hibernate's validation does not look at indexes; the entities stay as they were.

-- the catalog of one source, newest first (BackupPackage.bySource: REST, console, retention)
CREATE INDEX lifeboat_backup_source_created_idx ON lifeboat_backup (source, createdat DESC, id DESC);
-- the package a backup job wrote (BackupPackage.byJobInstance: job status)
CREATE INDEX lifeboat_backup_job_instance_idx ON lifeboat_backup (jobinstanceid);

-- the audit log's filters (AuditLog.find: action, user, time window; newest first)
CREATE INDEX lifeboat_audit_action_idx ON lifeboat_audit (action, id);
CREATE INDEX lifeboat_audit_username_idx ON lifeboat_audit (username, id);
CREATE INDEX lifeboat_audit_occurred_idx ON lifeboat_audit (occurredat);

-- a failed execution's error sentence, and a restore job's record (job status)
CREATE INDEX lifeboat_job_error_execution_idx ON lifeboat_job_error (jobexecutionid);
CREATE INDEX lifeboat_restore_job_instance_idx ON lifeboat_restore (jobinstanceid);
