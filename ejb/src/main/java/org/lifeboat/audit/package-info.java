/**
 * The audit log: one hash-chained row per action, allowed or refused, its anchor outside the table (so truncation
 * is detected), and its CSV export.
 */
package org.lifeboat.audit;
