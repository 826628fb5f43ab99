/**
 * What the batch jobs share with the layer that starts them: their typed parameters ({@link
 * org.lifeboat.jobs.BackupJobParameters}, {@link org.lifeboat.jobs.RestoreJobParameters}), and job errors as
 * sentences an operator can act on, recorded per execution.
 */
package org.lifeboat.jobs;
