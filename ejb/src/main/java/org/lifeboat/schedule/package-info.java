/**
 * Schedules (cron or "daily HH:MM") and retention policies and their rules.
 */
package org.lifeboat.schedule;
