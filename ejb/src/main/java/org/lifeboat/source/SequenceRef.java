package org.lifeboat.source;

import java.util.List;

/**
 * A sequence, with the table column that owns it when there is one (serial and identity columns), and the
 * integer columns of the source's tables whose default draws from it ({@code DEFAULT nextval(...)}): a sequence
 * owned by nothing, or shared by several tables, is still known by the columns that use it.
 */
public record SequenceRef(TableRef ref, TableRef ownerTable, String ownerColumn, List<ColumnUse> users) {

    /** A table column whose default draws from the sequence. */
    public record ColumnUse(TableRef table, String column) {}

    public SequenceRef {
        users = List.copyOf(users);
    }

    public SequenceRef(TableRef ref, TableRef ownerTable, String ownerColumn) {
        this(ref, ownerTable, ownerColumn, ownerTable == null ? List.of() : List.of(new ColumnUse(ownerTable,
                ownerColumn)));
    }

    /** The owner and every user: the columns whose values the sequence must stay ahead of. */
    public List<ColumnUse> columns() {
        List<ColumnUse> all = new java.util.ArrayList<>(users);
        if (ownerTable != null && ownerColumn != null && !all.contains(new ColumnUse(ownerTable, ownerColumn))) {
            all.add(0, new ColumnUse(ownerTable, ownerColumn));
        }
        return all;
    }

    /** Whether the sequence is owned by, or drawn from by, one of these tables. */
    public boolean servesAny(java.util.Collection<TableRef> tables) {
        return columns().stream().anyMatch(u -> tables.contains(u.table()));
    }
}
