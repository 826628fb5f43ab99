/**
 * Starting and controlling JSR-352 jobs: launchers, the per-source lease, stop/restart/abandon with their
 * permission and audit, job views, and what an abandoned job leaves behind.
 */
package org.lifeboat.batch;
