/**
 * Progress of running jobs: rows done and total per table, for the console, the REST job view and the CLI.
 */
package org.lifeboat.progress;
