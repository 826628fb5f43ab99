package org.lifeboat.restore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lifeboat.source.ForeignKey;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.SequenceRef;
import org.lifeboat.source.TableRef;

/**
 * The restore half of a clean restore, run after the source was emptied and its baseline applied, in the same
 * transaction. Table by table, parents first: rows whose natural key (profile {@code naturalKeys}) matches a row
 * that now exists (a baseline role, the baseline admin) are mapped onto it and update it; the other rows are
 * inserted, keeping their id when it is free and taking a fresh one from the table's sequence when it is not.
 * Foreign keys are rewritten through these id maps, also for references to tables mapped later (cycles and
 * self-references: fixed up at the end, constraints being deferred), and columns listed under
 * {@code regenerate} get fresh UUIDs when their value is already taken.
 */
final class NaturalKeyRemapper {

    private final Connection c;
    private final StagingArea staging;
    private final Profile profile;
    private final SchemaCatalog live;
    private final RestoreReport report;
    private final Map<TableRef, String> maps = new HashMap<>();

    NaturalKeyRemapper(Connection c, StagingArea staging, Profile profile, SchemaCatalog live, RestoreReport report) {
        this.c = c;
        this.staging = staging;
        this.profile = profile;
        this.live = live;
        this.report = report;
    }

    /** @param bindings every package table, parents first */
    void restore(List<TableBinding> bindings) throws SQLException {
        Map<TableRef, TableBinding> byRef = new HashMap<>();
        bindings.forEach(b -> byRef.put(b.ref(), b));
        Set<TableRef> done = new HashSet<>();
        for (TableBinding b : bindings) {
            restoreTable(b, done);
            done.add(b.ref());
        }
        for (TableBinding b : bindings) {
            for (ForeignKey fk : remappable(b)) {
                if (!precedes(bindings, fk.to(), b.ref())) {
                    fixUp(b, fk);
                }
            }
        }
    }

    private void restoreTable(TableBinding b, Set<TableRef> mapped) throws SQLException {
        String target = b.ref().quoted();
        String own = org.lifeboat.source.Relations.own(c, b.ref()); // its own rows, not its inheritance children's
        if (!singleKey(b)) {
            String columns = b.columns().stream().map(col -> TableRef.quote(col.name())).collect(Collectors.joining(", "));
            String values = b.columns().stream().map(col -> valueOf(b, col, mapped)).collect(Collectors.joining(", "));
            long inserted = update("INSERT INTO " + target + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + values
                    + " FROM " + staging.table(b.index()) + " s");
            report.add(new RestoreReport.TableCounts(b.ref().toString(), b.entry().rows(), inserted, 0, 0, 0));
            return;
        }
        TableBinding.ColumnBinding key = b.keyColumns().get(0);
        String map = "lb_map_" + b.index();
        execute("CREATE TEMP TABLE " + map + " (old text PRIMARY KEY, new text NOT NULL, matched boolean NOT NULL) "
                + "ON COMMIT DROP");
        maps.put(b.ref(), map);
        String stagedKey = "s." + StagingArea.column(key.staged());
        String liveKey = "l." + TableRef.quote(key.name());

        long matched = 0;
        List<String> natural = naturalKey(b);
        if (!natural.isEmpty()) {
            String join = natural.stream().map(n -> "l." + TableRef.quote(n) + " = "
                    + valueOf(b, b.column(n).orElseThrow(), mapped)).collect(Collectors.joining(" AND "));
            matched = update("INSERT INTO " + map + " SELECT " + stagedKey + ", " + liveKey + "::text, true FROM "
                    + staging.table(b.index()) + " s JOIN " + own + " l ON " + join + " ON CONFLICT DO NOTHING");
            List<TableBinding.ColumnBinding> updatable = b.nonKeyColumns().stream()
                    .filter(col -> !regenerated(b, col.name())).toList();
            if (!updatable.isEmpty()) {
                String set = updatable.stream().map(col -> TableRef.quote(col.name()) + " = "
                        + valueOf(b, col, mapped)).collect(Collectors.joining(", "));
                update("UPDATE " + own + " l SET " + set + " FROM " + staging.table(b.index()) + " s JOIN " + map
                        + " m ON m.old = " + stagedKey + " AND m.matched WHERE " + liveKey + "::text = m.new");
            }
        }
        String sequence = sequenceOf(b.ref(), key.name());
        if (sequence != null) {
            // fresh ids must not collide with ids kept from the package
            execute("SELECT setval(" + literal(sequence) + "::regclass, GREATEST((SELECT max(" + TableRef.quote(key.name())
                    + ") FROM " + target + ")::bigint, (SELECT max(" + key.value() + ") FROM "
                    + staging.table(b.index()) + " s)::bigint, 1), true)");
        }
        String fresh = sequence == null ? stagedKey : "CASE WHEN EXISTS (SELECT 1 FROM " + own + " x WHERE x."
                + TableRef.quote(key.name()) + " = " + stagedKey + "::" + key.liveType() + ") THEN nextval("
                + literal(sequence) + "::regclass)::text ELSE " + stagedKey + " END";
        update("INSERT INTO " + map + " SELECT " + stagedKey + ", " + fresh + ", false FROM "
                + staging.table(b.index()) + " s WHERE NOT EXISTS (SELECT 1 FROM " + map + " m WHERE m.old = "
                + stagedKey + ") ORDER BY s." + StagingArea.LINE);
        List<TableBinding.ColumnBinding> rest = b.nonKeyColumns();
        String columns = TableRef.quote(key.name()) + rest.stream().map(col -> ", " + TableRef.quote(col.name()))
                .collect(Collectors.joining());
        String values = "m.new::" + key.liveType() + rest.stream().map(col -> ", " + (regenerated(b, col.name())
                ? regenerate(b, col) : valueOf(b, col, mapped))).collect(Collectors.joining());
        long inserted = update("INSERT INTO " + target + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + values
                + " FROM " + staging.table(b.index()) + " s JOIN " + map + " m ON m.old = " + stagedKey
                + " AND NOT m.matched ORDER BY s." + StagingArea.LINE);
        report.add(new RestoreReport.TableCounts(b.ref().toString(), b.entry().rows(), inserted, matched, 0, 0));
    }

    /** The staged value of a column, its foreign key rewritten through the map of an already restored table. */
    private String valueOf(TableBinding b, TableBinding.ColumnBinding col, Set<TableRef> mapped) {
        for (ForeignKey fk : remappable(b)) {
            if (fk.columns().get(0).equals(col.name()) && mapped.contains(fk.to()) && maps.containsKey(fk.to())) {
                String staged = "s." + StagingArea.column(col.staged());
                return "COALESCE((SELECT m.new FROM " + maps.get(fk.to()) + " m WHERE m.old = " + staged + "), "
                        + staged + ")::" + col.liveType();
            }
        }
        return col.value();
    }

    /** References to tables restored later (or to itself) are rewritten once every map exists. */
    private void fixUp(TableBinding b, ForeignKey fk) throws SQLException {
        String map = maps.get(fk.to());
        if (map == null) {
            return;
        }
        String column = TableRef.quote(fk.columns().get(0));
        String own = maps.get(b.ref());
        String onlyRestored = own == null || !singleKey(b) ? ""
                : " AND t." + TableRef.quote(b.keyColumns().get(0).name()) + "::text IN (SELECT new FROM " + own + ")";
        update("UPDATE " + org.lifeboat.source.Relations.own(c, b.ref()) + " t SET " + column + " = m.new::" + b.column(fk.columns().get(0))
                .orElseThrow().liveType() + " FROM " + map + " m WHERE t." + column + "::text = m.old AND m.old <> m.new"
                + onlyRestored);
    }

    /** Single-column foreign keys from this table to the single-column primary key of a restored table. */
    private List<ForeignKey> remappable(TableBinding b) {
        return live.foreignKeys().stream()
                .filter(fk -> fk.from().equals(b.ref()) && fk.columns().size() == 1 && b.column(fk.columns().get(0)).isPresent())
                .filter(fk -> live.table(fk.to()).map(t -> t.primaryKey().equals(fk.referencedColumns())).orElse(false))
                .toList();
    }

    private static boolean precedes(List<TableBinding> order, TableRef first, TableRef second) {
        int a = -1;
        int b = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).ref().equals(first)) {
                a = i;
            }
            if (order.get(i).ref().equals(second)) {
                b = i;
            }
        }
        return a >= 0 && a < b;
    }

    private static boolean singleKey(TableBinding b) {
        return b.hasPrimaryKey() && b.keyColumns().size() == 1;
    }

    private List<String> naturalKey(TableBinding b) {
        return profile.naturalKeys().entrySet().stream().filter(e -> b.ref().isNamed(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(List.of());
    }

    private boolean regenerated(TableBinding b, String column) {
        return profile.regenerate().entrySet().stream()
                .anyMatch(e -> b.ref().isNamed(e.getKey()) && e.getValue().contains(column));
    }

    /** A fresh UUID when the incoming value is already taken by a row that now exists. */
    private String regenerate(TableBinding b, TableBinding.ColumnBinding col) {
        return "CASE WHEN EXISTS (SELECT 1 FROM " + b.ref().quoted() + " x WHERE x." + TableRef.quote(col.name()) + " = "
                + col.value() + ") THEN gen_random_uuid()::text::" + col.liveType() + " ELSE " + col.value() + " END";
    }

    private String sequenceOf(TableRef table, String column) {
        for (SequenceRef s : live.sequences()) {
            if (table.equals(s.ownerTable()) && column.equals(s.ownerColumn())) {
                return s.ref().quoted();
            }
        }
        return null;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private long update(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
