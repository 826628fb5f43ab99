package org.lifeboat.source;

import java.util.List;
import java.util.Optional;

/** A table discovered in the live database: its columns in order, its primary key and a row estimate. */
public record Table(TableRef ref, List<Column> columns, List<String> primaryKey, long estimatedRows) {

    public Table {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Columns whose values are stored in a package (generated columns are recomputed by PostgreSQL). */
    public List<Column> storedColumns() {
        return columns.stream().filter(c -> !c.generated()).toList();
    }

    public boolean hasPrimaryKey() {
        return !primaryKey.isEmpty();
    }
}
