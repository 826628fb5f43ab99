package org.lifeboat.backup;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lifeboat.archive.EntryNames;
import org.lifeboat.archive.Manifest;
import org.lifeboat.source.Column;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.SequenceRef;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;

/**
 * Decides what a backup exports: the scope's tables, one partition per table, large tables with an integer key
 * split into key ranges so several threads work at once, and the sequences that belong to the scope.
 */
public final class BackupPlanner {

    private static final Set<String> SPLITTABLE_KEYS = Set.of("smallint", "integer", "bigint");
    private static final int MAX_PARTS = 8;

    private final long splitThresholdRows;

    public BackupPlanner(long splitThresholdRows) {
        this.splitThresholdRows = splitThresholdRows;
    }

    /** Plans a backup; {@code snapshot} is a connection attached to the backup's snapshot. */
    public BackupPlan plan(long jobInstanceId, Profile profile, SchemaCatalog catalog, BackupScope scope,
                           Connection snapshot) throws SQLException {
        List<Table> tables = ScopeResolver.tables(profile, catalog, scope);
        List<BackupPlan.PlannedTable> planned = new ArrayList<>();
        List<BackupPlan.PlannedPartition> partitions = new ArrayList<>();
        for (Table table : tables) {
            BackupPlan.PlannedTable p = plannedTable(table);
            int tableIndex = planned.size();
            planned.add(p);
            List<String> bounds = splitBounds(snapshot, table, p);
            for (int part = 0; part <= bounds.size(); part++) {
                partitions.add(new BackupPlan.PlannedPartition(partitions.size(), tableIndex, part,
                        part == 0 ? null : bounds.get(part - 1), part == bounds.size() ? null : bounds.get(part)));
            }
        }
        List<Manifest.SequenceValue> sequences = sequenceValues(snapshot, catalog, tables, scope);
        return new BackupPlan(jobInstanceId, profile.source(), scope, Instant.now().toString(),
                serverVersion(snapshot), planned, partitions, sequences, null, List.of());
    }

    static BackupPlan.PlannedTable plannedTable(Table table) {
        List<Manifest.ColumnInfo> columns = table.storedColumns().stream()
                .map(c -> new Manifest.ColumnInfo(c.name(), c.type(), c.kind().name().toLowerCase(), c.notNull()))
                .toList();
        List<String> keyTypes = table.primaryKey().stream()
                .map(k -> table.column(k).map(Column::type).orElseThrow()).toList();
        return new BackupPlan.PlannedTable(table.ref().schema(), table.ref().name(),
                EntryNames.tableEntry(table.ref().schema(), table.ref().name()), columns, table.primaryKey(),
                keyTypes, table.estimatedRows());
    }

    /** Inner bounds splitting a large table's first key column into equal ranges; empty for one partition. */
    private List<String> splitBounds(Connection snapshot, Table table, BackupPlan.PlannedTable planned)
            throws SQLException {
        if (table.estimatedRows() <= splitThresholdRows || table.primaryKey().size() != 1
                || !SPLITTABLE_KEYS.contains(planned.keyTypes().get(0))) {
            return List.of();
        }
        String key = TableRef.quote(table.primaryKey().get(0));
        BigInteger min;
        BigInteger max;
        try (Statement st = snapshot.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(" + key + ")::text, max(" + key + ")::text FROM "
                     + org.lifeboat.source.Relations.own(snapshot, table.ref()))) {
            rs.next();
            if (rs.getString(1) == null) {
                return List.of();
            }
            min = new BigInteger(rs.getString(1));
            max = new BigInteger(rs.getString(2));
        }
        int parts = (int) Math.min(MAX_PARTS, (table.estimatedRows() + splitThresholdRows - 1) / splitThresholdRows);
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        List<String> bounds = new ArrayList<>();
        for (int i = 1; i < parts; i++) {
            BigInteger bound = min.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)));
            if (bounds.isEmpty() || !bounds.get(bounds.size() - 1).equals(bound.toString())) {
                bounds.add(bound.toString());
            }
        }
        return bounds;
    }

    /**
     * Sequences owned by the scope's tables or drawn from by their defaults (shared and owned-by-nothing ones
     * too); for whole-database scopes, also every sequence of the schemas that no table owns.
     */
    private static List<Manifest.SequenceValue> sequenceValues(Connection snapshot, SchemaCatalog catalog,
                                                               List<Table> tables, BackupScope scope)
            throws SQLException {
        Set<TableRef> inScope = new java.util.HashSet<>();
        tables.forEach(t -> inScope.add(t.ref()));
        List<Manifest.SequenceValue> values = new ArrayList<>();
        for (SequenceRef sequence : catalog.sequences()) {
            boolean wanted = sequence.servesAny(inScope) || (scope.includesSchema() && sequence.ownerTable() == null);
            if (!wanted) {
                continue;
            }
            try (Statement st = snapshot.createStatement();
                 ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + sequence.ref().quoted())) {
                rs.next();
                values.add(new Manifest.SequenceValue(sequence.ref().schema(), sequence.ref().name(), rs.getLong(1),
                        rs.getBoolean(2), sequence.ownerTable() == null ? null : sequence.ownerTable().toString(),
                        sequence.ownerColumn()));
            }
        }
        return values;
    }

    private static String serverVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
