package org.lifeboat.restore;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.lifeboat.archive.Manifest;
import org.lifeboat.source.ForeignKey;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.SequenceRef;
import org.lifeboat.source.TableRef;

/**
 * Applies staged rows to the live tables for {@code merge} and {@code replace}, inside the caller's transaction:
 * upserts parents before children (new rows inserted, changed rows updated, identical rows left alone), then for
 * {@code replace} deletes the rows the package does not hold, children before parents, and sets sequences past
 * the restored ids. Rows outside the scope that reference rows a replace would delete are never deleted: they
 * are reported and the restore refuses. With {@code dryRun} every problem is collected instead of thrown, and
 * the caller rolls back.
 */
public final class RestoreApplier {

    private static final int STAGE_CHUNK = 5000;

    private final Connection c;
    private final StagingArea staging;
    private final boolean dryRun;
    private final RestoreReport report;
    private final DirectLoad direct;
    private final List<IndexDeferral> deferredKeys = new ArrayList<>();

    public RestoreApplier(Connection c, StagingArea staging, boolean dryRun, RestoreReport report) {
        this(c, staging, dryRun, report, DirectLoad.none());
    }

    public RestoreApplier(Connection c, StagingArea staging, boolean dryRun, RestoreReport report, DirectLoad direct) {
        this.c = c;
        this.staging = staging;
        this.dryRun = dryRun;
        this.report = report;
        this.direct = direct;
    }

    /** @param bindings the scope's tables, parents first */
    public void apply(List<TableBinding> bindings, RestoreMode mode, SchemaCatalog live,
                      List<Manifest.SequenceValue> sequences) throws SQLException {
        execute("SET CONSTRAINTS ALL DEFERRED");
        Set<Integer> copied = new HashSet<>();
        for (TableBinding b : bindings) {
            if (direct.planned(b)) {
                if (DirectLoad.lockIfEmpty(c, b)) {
                    copied.add(b.index());
                } else {
                    stageNow(b);
                }
            }
        }
        Map<TableRef, long[]> counts = new HashMap<>();
        if (mode == RestoreMode.REPLACE) {
            // an empty table loses no row to a replace, so nothing outside the scope can lose its parent there
            checkOutsideReferences(bindings.stream().filter(b -> !copied.contains(b.index())).toList(), live);
        }
        for (TableBinding b : bindings) {
            counts.put(b.ref(), copied.contains(b.index()) ? copyInto(b) : guarded(b, () -> upsert(b, mode)));
        }
        if (mode == RestoreMode.REPLACE) {
            for (int i = bindings.size() - 1; i >= 0; i--) {
                TableBinding b = bindings.get(i);
                if (copied.contains(b.index())) {
                    continue;
                }
                long[] deleted = guarded(b, () -> new long[] {0, 0, deleteMissing(b)});
                counts.get(b.ref())[2] = deleted[2];
            }
        }
        recreateForeignKeys();
        for (TableBinding b : bindings) {
            long[] n = counts.get(b.ref());
            report.add(new RestoreReport.TableCounts(b.ref().toString(), b.entry().rows(), n[0], n[1], n[2],
                    b.entry().rows() - n[0] - n[1]));
        }
        setSequences(bindings, live, sequences, mode == RestoreMode.REPLACE);
    }

    private interface Work {
        long[] run() throws SQLException;
    }

    /** Runs one table's statement under a savepoint, turning a failure into a sentence naming table and row. */
    private long[] guarded(TableBinding b, Work work) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            long[] result = work.run();
            c.releaseSavepoint(savepoint);
            return result;
        } catch (SQLException e) {
            c.rollback(savepoint);
            String sentence = "table " + b.ref() + ": " + RowDiagnosis.explain(c, staging, b, e);
            if (!dryRun) {
                throw new RestoreFailure.RowRejected(b.ref().toString(), null, sentence, e);
            }
            report.problem(sentence);
            return new long[3];
        }
    }

    /**
     * A table loaded by COPY into its empty live table: every package row is inserted, and its indexes and the
     * foreign keys involving it are built after the rows are in (see {@link IndexDeferral}).
     */
    private long[] copyInto(TableBinding b) throws SQLException {
        try {
            return copyInto(b, true);
        } catch (FreezeRefused refused) {
            return copyInto(b, false);
        }
    }

    /** PostgreSQL would not take COPY FREEZE here: the table's load was rolled back to be done again without. */
    private static final class FreezeRefused extends RuntimeException {
        FreezeRefused(SQLException cause) {
            super(cause);
        }
    }

    private long[] copyInto(TableBinding b, boolean tryFreeze) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        boolean freeze = false;
        try {
            IndexDeferral deferred = IndexDeferral.dropFor(c, b.ref());
            freeze = tryFreeze && DirectLoad.truncateForFreeze(c, b);
            long inserted = direct.copy(c, b, freeze);
            if (deferred != null) {
                deferred.recreateIndexes(c);
                deferredKeys.add(deferred);
            }
            c.releaseSavepoint(savepoint);
            return new long[] {inserted, 0, 0};
        } catch (SQLException e) {
            c.rollback(savepoint);
            if (freeze && DirectLoad.freezeRefused(e)) {
                throw new FreezeRefused(e);
            }
            throw new RestoreException("table " + b.ref() + ": " + DirectLoad.explain(e), e);
        } catch (IOException e) {
            throw new RestoreException("table " + b.ref() + ": its package entry cannot be read: " + e.getMessage(), e);
        }
    }

    /** The foreign keys dropped around direct loads, created again now that every table is loaded. */
    private void recreateForeignKeys() throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            for (IndexDeferral deferred : deferredKeys) {
                deferred.recreateForeignKeys(c);
            }
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            c.rollback(savepoint);
            throw new RestoreException("a foreign key does not hold after the restore: " + DirectLoad.explain(e), e);
        }
    }

    /**
     * A table that was empty when the restore began, so it was not staged, has rows now: it is staged inside
     * the apply transaction and goes the usual way.
     */
    private void stageNow(TableBinding b) throws SQLException {
        staging.createTable(c, b.index(), b.entry());
        int width = b.entry().columns().size();
        try (PackageStager rows = PackageStager.read(direct.rows().open(b.entry()), b.entry())) {
            for (List<String[]> chunk; !(chunk = rows.next(STAGE_CHUNK)).isEmpty(); ) {
                staging.load(c, b.index(), width, chunk, rows.line() - chunk.size() + 1);
            }
        } catch (IOException e) {
            throw new RestoreException("table " + b.ref() + ": its package entry cannot be read: " + e.getMessage(), e);
        }
        report.note("table " + b.ref() + " was empty when the restore began and has rows now: staged at apply time");
    }

    private long[] upsert(TableBinding b, RestoreMode mode) throws SQLException {
        String target = b.ref().quoted();
        String columns = b.columns().stream().map(col -> TableRef.quote(col.name())).collect(Collectors.joining(", "));
        String values = b.columns().stream().map(TableBinding.ColumnBinding::value).collect(Collectors.joining(", "));
        String select = "SELECT " + values + " FROM " + staging.table(b.index()) + " s";
        if (!b.hasPrimaryKey()) {
            String own = org.lifeboat.source.Relations.own(c, b.ref()); // not its inheritance children's rows
            if (mode == RestoreMode.REPLACE) {
                long deleted = update("DELETE FROM " + own);
                long inserted = update("INSERT INTO " + target + " (" + columns + ") OVERRIDING SYSTEM VALUE " + select);
                return new long[] {inserted, 0, deleted};
            }
            String same = b.columns().stream().map(col -> "l." + TableRef.quote(col.name()) + "::text")
                    .collect(Collectors.joining(", "));
            String incoming = b.columns().stream().map(col -> col.value() + "::text").collect(Collectors.joining(", "));
            return new long[] {update("INSERT INTO " + target + " (" + columns + ") OVERRIDING SYSTEM VALUE " + select
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + own + " l WHERE (" + same + ") IS NOT DISTINCT FROM ("
                    + incoming + "))"), 0, 0};
        }
        String key = b.keyColumns().stream().map(col -> TableRef.quote(col.name())).collect(Collectors.joining(", "));
        List<TableBinding.ColumnBinding> rest = b.nonKeyColumns();
        String conflict;
        if (rest.isEmpty()) {
            conflict = " ON CONFLICT (" + key + ") DO NOTHING";
        } else {
            String set = rest.stream().map(col -> TableRef.quote(col.name()) + " = EXCLUDED." + TableRef.quote(col.name()))
                    .collect(Collectors.joining(", "));
            String old = rest.stream().map(col -> "l." + TableRef.quote(col.name()) + "::text")
                    .collect(Collectors.joining(", "));
            String incoming = rest.stream().map(col -> "EXCLUDED." + TableRef.quote(col.name()) + "::text")
                    .collect(Collectors.joining(", "));
            conflict = " ON CONFLICT (" + key + ") DO UPDATE SET " + set + " WHERE (" + old + ") IS DISTINCT FROM ("
                    + incoming + ")";
        }
        String insert = "INSERT INTO " + target + " AS l (" + columns + ") OVERRIDING SYSTEM VALUE " + select
                + " ORDER BY s." + StagingArea.LINE + conflict;
        if (partitioned(b.ref())) {
            // PostgreSQL cannot return a system column (xmax) from a partitioned table: count the package rows
            // whose key is not live yet before the upsert; every other row it touched was an update
            String liveKey = b.keyColumns().stream().map(col -> "l." + TableRef.quote(col.name()))
                    .collect(Collectors.joining(", "));
            String stagedKey = b.keyColumns().stream().map(TableBinding.ColumnBinding::value)
                    .collect(Collectors.joining(", "));
            long fresh;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                    + staging.table(b.index()) + " s WHERE NOT EXISTS (SELECT 1 FROM " + target + " l WHERE ("
                    + liveKey + ") = (" + stagedKey + "))")) {
                rs.next();
                fresh = rs.getLong(1);
            }
            long touched = update(insert);
            return new long[] {fresh, touched - fresh, 0};
        }
        String sql = "WITH r AS (" + insert + " RETURNING (xmax = 0) AS inserted) "
                + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM r";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), 0};
        }
    }

    private boolean partitioned(TableRef table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT relkind = 'p' FROM pg_class WHERE oid = ?::regclass")) {
            ps.setString(1, table.quoted());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private long deleteMissing(TableBinding b) throws SQLException {
        if (!b.hasPrimaryKey()) {
            return 0; // replaced wholesale by upsert()
        }
        String live = b.keyColumns().stream().map(col -> "l." + TableRef.quote(col.name())).collect(Collectors.joining(", "));
        String staged = b.keyColumns().stream().map(TableBinding.ColumnBinding::value).collect(Collectors.joining(", "));
        return update("DELETE FROM " + org.lifeboat.source.Relations.own(c, b.ref()) + " l WHERE NOT EXISTS (SELECT 1 FROM "
                + staging.table(b.index()) + " s WHERE (" + staged + ") = (" + live + "))");
    }

    /** Rows of tables outside the scope that reference scope rows the package does not hold. */
    private void checkOutsideReferences(List<TableBinding> bindings, SchemaCatalog live) throws SQLException {
        Map<TableRef, TableBinding> inScope = new HashMap<>();
        bindings.forEach(b -> inScope.put(b.ref(), b));
        for (ForeignKey fk : live.foreignKeys()) {
            TableBinding target = inScope.get(fk.to());
            if (target == null || inScope.containsKey(fk.from())) {
                continue;
            }
            List<String> staged = new ArrayList<>();
            for (String column : fk.referencedColumns()) {
                staged.add(target.column(column).map(TableBinding.ColumnBinding::value).orElse(null));
            }
            if (staged.contains(null)) {
                continue;
            }
            String fkColumns = fk.columns().stream().map(col -> "f." + TableRef.quote(col)).collect(Collectors.joining(", "));
            String notNull = fk.columns().stream().map(col -> "f." + TableRef.quote(col) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            String sql = "SELECT count(*), min((" + fkColumns + ")::text) FROM "
                    + org.lifeboat.source.Relations.own(c, fk.from()) + " f WHERE "
                    + notNull + " AND NOT EXISTS (SELECT 1 FROM " + staging.table(target.index()) + " s WHERE ("
                    + String.join(", ", staged) + ") = (" + fkColumns + "))";
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                long dangling = rs.getLong(1);
                if (dangling > 0) {
                    String sentence = dangling + " rows of " + fk.from() + " (outside the scope) reference rows of "
                            + fk.to() + " that the package does not hold, through " + fk.name() + " "
                            + fk.columns() + " (e.g. " + rs.getString(2) + "); replace would break or delete them, "
                            + "so it refuses: restore a wider scope or fix those rows first";
                    if (!dryRun) {
                        throw new RestoreFailure.DanglingReferences(fk.to().toString(), fk.from().toString(), dangling,
                                sentence);
                    }
                    report.problem(sentence);
                }
            }
        }
    }

    /** Only moves the sequences of the restored tables past their ids (after a clean restore). */
    public void setSequencesOnly(List<TableBinding> bindings, SchemaCatalog live, List<Manifest.SequenceValue> packaged)
            throws SQLException {
        setSequences(bindings, live, packaged, false);
    }

    /**
     * Every sequence the restored tables own or draw from (serial, identity, shared, owned by nothing), and every
     * sequence the package recorded, ends past the ids now in the tables that use it. A replace is a point in
     * time: the sequence takes the package's value (or the highest id, if that is higher). A merge or clean
     * restore never lowers a sequence below its live value.
     */
    private void setSequences(List<TableBinding> bindings, SchemaCatalog live, List<Manifest.SequenceValue> packaged,
                              boolean pointInTime) throws SQLException {
        Set<TableRef> scope = bindings.stream().map(TableBinding::ref).collect(Collectors.toSet());
        Map<String, Manifest.SequenceValue> packagedValues = new HashMap<>();
        if (packaged != null) {
            packaged.forEach(s -> packagedValues.put(s.schema() + "." + s.name(), s));
        }
        Set<TableRef> liveTables = live.tables().stream().map(org.lifeboat.source.Table::ref)
                .collect(Collectors.toSet());
        for (SequenceRef sequence : live.sequences()) {
            Manifest.SequenceValue value = packagedValues.get(sequence.ref().toString());
            if (value == null && !sequence.servesAny(scope)) {
                continue;
            }
            List<String> highest = sequence.columns().stream().filter(u -> liveTables.contains(u.table()))
                    .map(u -> "(SELECT max(" + TableRef.quote(u.column()) + ") FROM " + u.table().quoted()
                            + ")::bigint").toList();
            SequenceState now = state(sequence);
            if (now.increment() < 0) {
                report.note("sequence " + sequence.ref() + " counts down: left at its live value");
                continue;
            }
            Long max = highest.isEmpty() ? null : maxOf("SELECT GREATEST(" + String.join(", ", highest) + ")");
            SequenceState target;
            if (pointInTime && value != null) {
                target = new SequenceState(value.lastValue(), value.isCalled(), now.increment());
            } else {
                target = now;
                if (value != null && new SequenceState(value.lastValue(), value.isCalled(), 1).next() > now.next()) {
                    target = new SequenceState(value.lastValue(), value.isCalled(), now.increment());
                }
            }
            if (max != null && target.next() <= max) {
                target = new SequenceState(max, true, now.increment());
            }
            if (target.equals(now)) {
                continue;
            }
            // setval is not transactional, but on a sequence given a new relfilenode in this transaction (what
            // ALTER SEQUENCE ... RESTART does) a rollback undoes it too: a dry run or a failed restore leaves
            // every sequence as it was
            execute("ALTER SEQUENCE " + sequence.ref().quoted() + " RESTART");
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                ps.setString(1, sequence.ref().quoted());
                ps.setLong(2, target.last());
                ps.setBoolean(3, target.called());
                ps.execute();
            }
        }
    }

    /** A sequence's position: the next value it hands out is {@code last} when not yet called, else one step on. */
    private record SequenceState(long last, boolean called, long increment) {
        long next() {
            return called ? last + 1 : last;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SequenceState s && s.last == last && s.called == called;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(last) * 31 + Boolean.hashCode(called);
        }
    }

    private SequenceState state(SequenceRef sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.last_value, s.is_called, q.seqincrement FROM "
                + sequence.ref().quoted() + " s, pg_sequence q WHERE q.seqrelid = ?::regclass")) {
            ps.setString(1, sequence.ref().quoted());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new SequenceState(rs.getLong(1), rs.getBoolean(2), rs.getLong(3));
            }
        }
    }

    private Long maxOf(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        }
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
