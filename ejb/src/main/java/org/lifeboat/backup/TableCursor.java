package org.lifeboat.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.lifeboat.archive.Manifest;
import org.lifeboat.source.TableRef;

/**
 * Reads the rows of one partition in primary-key order, as text, from a connection attached to the backup's
 * snapshot. It can start after a given key (keyset restart from a checkpoint: no row is read twice or skipped,
 * however many rows come before). Tables without a primary key are ordered by their whole row's text and
 * restarted by row count, which is exact within one snapshot.
 */
public final class TableCursor implements AutoCloseable {

    private final BackupPlan.PlannedTable table;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final int width;

    private TableCursor(BackupPlan.PlannedTable table, PreparedStatement statement, ResultSet rows) {
        this.table = table;
        this.statement = statement;
        this.rows = rows;
        this.width = table.columns().size();
    }

    /**
     * @param afterKey primary key of the last row already exported, or {@code null} to start at the beginning
     * @param rowsDone rows already exported (used instead of a key for tables without primary key)
     */
    public static TableCursor open(Connection connection, BackupPlan.PlannedTable table,
                                   BackupPlan.PlannedPartition partition, String[] afterKey, long rowsDone,
                                   int fetchSize) throws SQLException {
        List<String> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ")
                .append(table.columns().stream().map(c -> TableRef.quote(c.name())).collect(Collectors.joining(", ")))
                .append(" FROM ").append(org.lifeboat.source.Relations.own(connection,
                        new TableRef(table.schema(), table.name()))).append(" t");
        List<String> conditions = rangeConditions(table, partition, parameters);
        boolean keyed = !table.primaryKey().isEmpty();
        if (keyed && afterKey != null) {
            conditions.add("(" + keyList(table) + ") > (" + castList(table) + ")");
            parameters.addAll(List.of(afterKey));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        sql.append(" ORDER BY ").append(keyed ? keyList(table) : "(t.*)::text COLLATE \"C\"");
        if (!keyed && rowsDone > 0) {
            sql.append(" OFFSET ").append(rowsDone);
        }
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        statement.setFetchSize(fetchSize);
        for (int i = 0; i < parameters.size(); i++) {
            statement.setString(i + 1, parameters.get(i));
        }
        return new TableCursor(table, statement, statement.executeQuery());
    }

    /** Exact number of rows in the partition's key range, in the snapshot. */
    public static long count(Connection connection, BackupPlan.PlannedTable table,
                             BackupPlan.PlannedPartition partition) throws SQLException {
        List<String> parameters = new ArrayList<>();
        List<String> conditions = rangeConditions(table, partition, parameters);
        String sql = "SELECT count(*) FROM " + org.lifeboat.source.Relations.own(connection,
                new TableRef(table.schema(), table.name()))
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The next row, or {@code null} after the last. */
    public String[] next() throws SQLException {
        if (!rows.next()) {
            return null;
        }
        String[] row = new String[width];
        for (int i = 0; i < width; i++) {
            row[i] = rows.getString(i + 1);
        }
        return row;
    }

    /** The primary key values of a row read by this cursor. */
    public String[] keyOf(String[] row) {
        String[] key = new String[table.primaryKey().size()];
        for (int k = 0; k < key.length; k++) {
            key[k] = row[columnIndex(table, table.primaryKey().get(k))];
        }
        return key;
    }

    private static List<String> rangeConditions(BackupPlan.PlannedTable table, BackupPlan.PlannedPartition partition,
                                                List<String> parameters) {
        List<String> conditions = new ArrayList<>();
        if (table.primaryKey().isEmpty()) {
            return conditions;
        }
        String first = TableRef.quote(table.primaryKey().get(0)) + " ";
        String cast = "?::" + table.keyTypes().get(0);
        if (partition.lowerBound() != null) {
            conditions.add(first + ">= " + cast);
            parameters.add(partition.lowerBound());
        }
        if (partition.upperBound() != null) {
            conditions.add(first + "< " + cast);
            parameters.add(partition.upperBound());
        }
        return conditions;
    }

    private static String keyList(BackupPlan.PlannedTable table) {
        return table.primaryKey().stream().map(TableRef::quote).collect(Collectors.joining(", "));
    }

    private static String castList(BackupPlan.PlannedTable table) {
        return table.keyTypes().stream().map(t -> "?::" + t).collect(Collectors.joining(", "));
    }

    private static int columnIndex(BackupPlan.PlannedTable table, String column) {
        List<Manifest.ColumnInfo> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException("primary key column " + column + " is not exported from " + table.name());
    }

    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            statement.close();
        }
    }
}
