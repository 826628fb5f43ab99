package org.lifeboat.restore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lifeboat.archive.Manifest;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.backup.ScopeResolver;
import org.lifeboat.source.CatalogReader;
import org.lifeboat.source.DependencyOrder;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;
import org.lifeboat.transfer.ImportTables;

/**
 * Applies a staged package to a source in ONE transaction, which the caller commits (restore) or rolls back (dry
 * run): refuses an import's tables outside its scope, creates the schema from the package when the database is
 * empty (a new instance; an unsigned upload's only when allowed, and filtered), checks the package's
 * tables and columns against the live schema, then merges, replaces, or re-initialises and restores (clean), and
 * finally checks the result against the manifest. Any failure leaves the transaction to roll back: the live
 * data is never half restored.
 */
public final class RestoreEngine {

    private RestoreEngine() {}

    /**
     * @param schemaSql the package's schema DDL, or null when it carries none
     * @param baselineSql the profile's baseline (clean mode), or null
     */
    public static RestoreReport apply(Connection c, Profile profile, Manifest manifest, StagingArea staging,
                                      RestoreMode mode, boolean dryRun, String schemaSql, String baselineSql)
            throws SQLException {
        return apply(c, profile, manifest, staging, mode, dryRun, schemaSql, baselineSql, false);
    }

    /**
     * @param skipShared leave the profile's shared tables (e.g. {@code users}) alone even if the package holds
     *                   them: department and subsystem imports never write them
     */
    public static RestoreReport apply(Connection c, Profile profile, Manifest manifest, StagingArea staging,
                                      RestoreMode mode, boolean dryRun, String schemaSql, String baselineSql,
                                      boolean skipShared) throws SQLException {
        return apply(c, profile, manifest, staging, DirectLoad.none(), mode, dryRun, schemaSql, baselineSql,
                skipShared);
    }

    /** @param direct the tables loaded by COPY straight into their empty live tables (never in clean mode) */
    public static RestoreReport apply(Connection c, Profile profile, Manifest manifest, StagingArea staging,
                                      DirectLoad direct, RestoreMode mode, boolean dryRun, String schemaSql,
                                      String baselineSql, boolean skipShared) throws SQLException {
        return apply(c, profile, manifest, staging, direct, mode, dryRun, PackageSchema.server(schemaSql),
                baselineSql, skipShared, null);
    }

    /**
     * @param schema      the package's schema DDL and its trust (see {@link PackageSchema})
     * @param importScope the department or subsystem of an import, whose tables are the only ones the package may
     *                    carry; null for a restore
     */
    public static RestoreReport apply(Connection c, Profile profile, Manifest manifest, StagingArea staging,
                                      DirectLoad direct, RestoreMode mode, boolean dryRun, PackageSchema schema,
                                      String baselineSql, boolean skipShared, BackupScope importScope)
            throws SQLException {
        try {
            return applyInside(c, profile, manifest, staging, direct, mode, dryRun, schema, baselineSql, skipShared,
                    importScope);
        } finally {
            if (schema.confined() && !c.isClosed()) {
                ConfinedSchemaRole.leave(c); // the confined role ends with the apply, whatever happened in it
            }
        }
    }

    private static RestoreReport applyInside(Connection c, Profile profile, Manifest manifest, StagingArea staging,
                                             DirectLoad direct, RestoreMode mode, boolean dryRun,
                                             PackageSchema schema, String baselineSql, boolean skipShared,
                                             BackupScope importScope) throws SQLException {
        if (mode == RestoreMode.CLEAN && !direct.tables().isEmpty()) {
            throw new IllegalArgumentException("a clean restore stages every table: it maps rows to the baseline");
        }
        RestoreReport report = new RestoreReport();
        if (!manifest.source().equals(profile.source())) {
            throw new RestoreFailure.WrongSource(manifest.source(), profile.source(), "the package was made from "
                    + "source '" + manifest.source() + "' and cannot be restored into source '" + profile.source() + "'");
        }
        BackupScope scope = BackupScope.parse(manifest.scope());
        if (mode == RestoreMode.CLEAN && !scope.includesSchema()) {
            throw new RestoreException("a clean restore re-initialises the whole source, so it needs a full or "
                    + "database package; this one has scope " + scope);
        }
        SchemaCatalog live = new CatalogReader().read(c, profile.schemas());
        if (importScope != null) {
            ImportTables.check(profile, live, importScope, manifest);
        }
        if (live.tables().isEmpty() && !manifest.tables().isEmpty()) {
            if (!schema.present()) {
                throw new RestoreException("the database of source '" + profile.source() + "' is empty and the "
                        + "package carries no schema (" + (manifest.schema() == null ? "" : manifest.schema().note())
                        + "); create the schema first");
            }
            SchemaScript.Confined statements;
            try {
                statements = schema.statements(profile.source(), profile.schemas()); // all checked before any runs
                String unusable = schema.confined() ? ConfinedSchemaRole.unusable(c) : null;
                if (unusable != null) {
                    throw new RestoreException(unusable);
                }
            } catch (RestoreException refused) {
                if (dryRun) {
                    report.problem(refused.getMessage());
                    return report;
                }
                throw refused;
            }
            java.sql.Savepoint beforeSchema = c.setSavepoint();
            try (Statement st = c.createStatement()) {
                for (String statement : statements.owner()) {
                    st.execute(statement);
                }
                if (schema.confined()) {
                    ConfinedSchemaRole.enter(c, profile.schemas(), staging);
                    for (String statement : statements.confined()) {
                        st.execute(statement);
                    }
                }
                // pg_dump empties search_path for its session; give the restore its usual one back
                st.execute("SELECT pg_catalog.set_config('search_path', '\"$user\", public', false)");
            } catch (SQLException e) {
                c.rollback(beforeSchema);
                List<String> gaps = manifest.schema() == null || manifest.schema().newInstanceGaps() == null
                        ? List.of() : manifest.schema().newInstanceGaps();
                String sentence = "the package's schema SQL does not run into the empty database of source '"
                        + profile.source() + "': " + e.getMessage() + (gaps.isEmpty() ? " (an object it needs, "
                        + "such as an extension or a schema the profile does not list, is missing there)"
                        : "; the backup said: " + String.join("; ", gaps));
                if (dryRun) {
                    report.problem(sentence);
                    return report;
                }
                throw new RestoreException(sentence, e);
            }
            int count = statements.owner().size() + statements.confined().size();
            report.note("the database was empty: its schema was created from the package"
                    + (schema.confined() ? " (an unsigned upload's schema SQL, allowed for this restore: " + count
                    + " statements passed the filter; " + statements.confined().size() + " ran, with the rest of "
                    + "this restore, as the confined role " + ConfinedSchemaRole.NAME + ")" : ""));
            live = new CatalogReader().read(c, profile.schemas());
        }
        // an import never writes the shared tables, so how they differ does not stop it
        List<SchemaDifference> differences = SchemaCheck.differences(manifest, live).stream()
                .filter(d -> !skipShared || profile.sharedTables().stream().noneMatch(d.table()::isNamed))
                .toList();
        if (!differences.isEmpty()) {
            if (dryRun) {
                differences.forEach(d -> report.problem(d.sentence()));
                return report;
            }
            throw new RestoreFailure.SchemaMismatch(differences);
        }
        List<TableBinding> bindings = new ArrayList<>(bind(manifest, live));
        if (skipShared) {
            List<TableBinding> shared = bindings.stream()
                    .filter(b -> profile.sharedTables().stream().anyMatch(t -> b.ref().isNamed(t))).toList();
            shared.forEach(b -> report.note("shared table " + b.ref() + " is in the package but never written by an "
                    + "import (" + b.entry().rows() + " rows left alone)"));
            bindings.removeAll(shared);
        }
        if (mode == RestoreMode.CLEAN) {
            reinitialise(c, profile, live, baselineSql, report);
        }
        TriggerPause triggers = TriggerPause.pause(c, bindings.stream().map(TableBinding::ref).toList());
        if (mode == RestoreMode.CLEAN) {
            new NaturalKeyRemapper(c, staging, profile, live, report).restore(bindings);
            new RestoreApplier(c, staging, dryRun, new RestoreReport()).setSequencesOnly(bindings, live,
                    manifest.sequences());
        } else {
            new RestoreApplier(c, staging, dryRun, report, direct).apply(bindings, mode, live, manifest.sequences());
        }
        try (Statement st = c.createStatement()) {
            // deferred constraints are checked now, before the triggers come back (ALTER TABLE refuses a table
            // with pending trigger events) and before the commit
            st.execute("SET CONSTRAINTS ALL IMMEDIATE");
        } catch (SQLException e) {
            String sentence = "a deferred constraint does not hold after the load: " + e.getMessage();
            if (!dryRun) {
                throw new RestoreException(sentence, e);
            }
            report.problem(sentence);
            return report;
        }
        triggers.resume(c);
        if (triggers.note() != null) {
            report.note(triggers.note());
        }
        if (report.ok()) {
            refreshViews(c, profile, manifest, dryRun, report);
        }
        if (report.ok()) {
            checkAgainstManifest(c, bindings, mode, report, dryRun);
        }
        Map<String, Long> restored = report.tables().stream()
                .collect(Collectors.toMap(RestoreReport.TableCounts::table, RestoreReport.TableCounts::rows));
        profile.restoreCounters().forEach((name, table) -> bindings.stream().filter(b -> b.ref().isNamed(table))
                .findFirst().ifPresent(b -> report.counter(name, restored.getOrDefault(b.ref().toString(), 0L))));
        return report;
    }

    /** Binds every package table to its live table, parents before children. */
    static List<TableBinding> bind(Manifest manifest, SchemaCatalog live) {
        Map<TableRef, TableBinding> byRef = new HashMap<>();
        for (int i = 0; i < manifest.tables().size(); i++) {
            Manifest.TableEntry entry = manifest.tables().get(i);
            TableRef ref = new TableRef(entry.schema(), entry.name());
            Table table = live.table(ref).orElseThrow();
            byRef.put(ref, TableBinding.bind(i, entry, table));
        }
        List<TableBinding> ordered = new ArrayList<>();
        for (TableRef ref : DependencyOrder.of(byRef.keySet(), live.foreignKeys()).order()) {
            ordered.add(byRef.get(ref));
        }
        return ordered;
    }

    /**
     * Refreshes, after the data, the materialized views that held rows at backup time (pg_dump's schema creates
     * them empty; a replace or merge leaves them showing the rows from before), in the order they were created.
     */
    private static void refreshViews(Connection c, Profile profile, Manifest manifest, boolean dryRun,
                                     RestoreReport report) throws SQLException {
        List<Manifest.RelationName> views = manifest.schema() == null || manifest.schema().populatedViews() == null
                ? List.of() : manifest.schema().populatedViews();
        List<String> refreshed = new ArrayList<>();
        for (Manifest.RelationName view : views) {
            TableRef ref = new TableRef(view.schema(), view.name());
            boolean exists;
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n "
                    + "ON n.oid = c.relnamespace WHERE c.relkind = 'm' AND n.nspname = ? AND c.relname = ?")) {
                ps.setString(1, view.schema());
                ps.setString(2, view.name());
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next() && profile.schemas().contains(view.schema());
                }
            }
            if (!exists) {
                report.note("materialized view " + ref + " was populated at backup time and does not exist here: "
                        + "not refreshed");
                continue;
            }
            if (!dryRun) {
                try (Statement st = c.createStatement()) {
                    st.execute("REFRESH MATERIALIZED VIEW " + ref.quoted());
                }
            }
            refreshed.add(ref.toString());
        }
        if (!refreshed.isEmpty()) {
            report.note((dryRun ? "would refresh " : "refreshed ") + refreshed.size() + " materialized views after "
                    + "the data (they held rows at backup time): " + String.join(", ", refreshed));
        }
    }

    /** Empties every table of the source and applies its baseline (a freshly initialised system). */
    private static void reinitialise(Connection c, Profile profile, SchemaCatalog live, String baselineSql,
                                     RestoreReport report) throws SQLException {
        List<Table> tables = ScopeResolver.tables(profile, live, BackupScope.parse("database"));
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE " + tables.stream().map(t -> t.ref().quoted()).collect(Collectors.joining(", "))
                    + " RESTART IDENTITY CASCADE");
            if (baselineSql != null) {
                st.execute(baselineSql);
                report.note("source re-initialised: " + tables.size() + " tables emptied, baseline applied");
            } else {
                report.note("source re-initialised: " + tables.size() + " tables emptied (the profile has no baseline)");
            }
        }
    }

    /** Replace leaves exactly the package's rows; merge leaves at least them. */
    private static void checkAgainstManifest(Connection c, List<TableBinding> bindings, RestoreMode mode,
                                             RestoreReport report, boolean dryRun) throws SQLException {
        for (TableBinding b : bindings) {
            long rows;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                         + org.lifeboat.source.Relations.own(c, b.ref()))) {
                rs.next();
                rows = rs.getLong(1);
            }
            boolean ok = mode == RestoreMode.REPLACE ? rows == b.entry().rows() : rows >= b.entry().rows();
            if (!ok) {
                String sentence = "table " + b.ref() + " holds " + rows + " rows after the restore, the package "
                        + b.entry().rows();
                if (!dryRun) {
                    throw new RestoreFailure.CountMismatch(b.ref().toString(), b.entry().rows(), rows, sentence);
                }
                report.problem(sentence);
            }
        }
    }
}
