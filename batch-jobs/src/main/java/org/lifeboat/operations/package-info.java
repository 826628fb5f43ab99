/**
 * The application services: every action a person or the scheduler can ask for, in one place. Each takes a typed
 * request and the {@link org.lifeboat.security.Caller}, asks {@link org.lifeboat.security.Permissions}, takes the
 * per-source lease, starts the job and audits the outcome once, allowed, refused or failed. REST resources and
 * console beans only parse input, call a service and show its answer.
 * <ul>
 *   <li>{@link org.lifeboat.operations.BackupService}: backups on request and on schedule;</li>
 *   <li>{@link org.lifeboat.operations.RestoreService}: dry runs and restores;</li>
 *   <li>{@link org.lifeboat.operations.TransferService}: department and subsystem export and import;</li>
 *   <li>{@link org.lifeboat.operations.PackageService}: list, upload, download, verify, delete;</li>
 *   <li>{@link org.lifeboat.operations.ScheduleService}: schedules and retention;</li>
 *   <li>{@link org.lifeboat.operations.JobControl}: which executions a caller sees, stop, restart, abandon.</li>
 * </ul>
 * Their failures are typed ({@link org.lifeboat.operations.InvalidRequestException},
 * {@link org.lifeboat.operations.UnknownResourceException}, {@link org.lifeboat.security.ForbiddenException}, ...)
 * so that each adapter maps them the same way.
 */
package org.lifeboat.operations;
