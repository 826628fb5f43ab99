/**
 * The batch artifacts of restore.xml: validate, partitioned staging with checkpoints, apply.
 */
package org.lifeboat.batch.restore;
