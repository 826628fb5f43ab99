package org.lifeboat.restore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lifeboat.archive.Manifest;
import org.lifeboat.source.Column;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;

/**
 * A package table bound to its live table: which staging column feeds which live column, cast to the live type.
 * Live columns the package lacks keep their defaults on insert and their values on update.
 */
public record TableBinding(int index, Manifest.TableEntry entry, Table live, List<ColumnBinding> columns) {

    /** A live column fed by the staging text column {@code staged}. */
    public record ColumnBinding(String name, int staged, String liveType) {
        /** The staging value cast to the live type, as SQL over staging alias {@code s}. */
        public String value() {
            return "s." + StagingArea.column(staged) + "::" + liveType;
        }
    }

    static TableBinding bind(int index, Manifest.TableEntry entry, Table live) {
        List<ColumnBinding> columns = new ArrayList<>();
        for (int i = 0; i < entry.columns().size(); i++) {
            String name = entry.columns().get(i).name();
            Column column = live.column(name).orElseThrow(() -> new RestoreException("table " + live.ref()
                    + " has no column " + name + " that the package holds"));
            if (!column.generated()) {
                columns.add(new ColumnBinding(name, i, column.type()));
            }
        }
        return new TableBinding(index, entry, live, columns);
    }

    public TableRef ref() {
        return live.ref();
    }

    public Optional<ColumnBinding> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public boolean hasPrimaryKey() {
        return !live.primaryKey().isEmpty() && live.primaryKey().stream().allMatch(k -> column(k).isPresent());
    }

    public List<ColumnBinding> keyColumns() {
        return live.primaryKey().stream().map(k -> column(k).orElseThrow()).toList();
    }

    public List<ColumnBinding> nonKeyColumns() {
        return columns.stream().filter(c -> !live.primaryKey().contains(c.name())).toList();
    }
}
