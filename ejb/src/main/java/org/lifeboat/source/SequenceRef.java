package org.lifeboat.source;

/** A sequence, with the table column that owns it when there is one (serial and identity columns). */
public record SequenceRef(TableRef ref, TableRef ownerTable, String ownerColumn) {}
