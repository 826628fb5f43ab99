package org.lifeboat.batch.restore;

/** A package row on its way to staging, with its line in the table entry. */
public record StagedRow(long line, String[] values) {}
