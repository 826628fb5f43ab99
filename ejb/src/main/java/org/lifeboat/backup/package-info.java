/**
 * Planning a backup: the scope, the tables it resolves to, key ranges, the exported snapshot, the schema dump
 * (pg_dump), files and secrets to collect, and the shapes a package cannot give back faithfully.
 */
package org.lifeboat.backup;
