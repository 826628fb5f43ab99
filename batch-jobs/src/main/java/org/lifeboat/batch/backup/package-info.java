/**
 * The batch artifacts of backup.xml: snapshot, partitioned table export with checkpoints, files, sealing.
 */
package org.lifeboat.batch.backup;
