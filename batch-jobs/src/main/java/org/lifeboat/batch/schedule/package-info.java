/**
 * The timer that starts scheduled backups.
 */
package org.lifeboat.batch.schedule;
