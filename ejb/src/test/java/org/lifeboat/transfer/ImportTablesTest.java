package org.lifeboat.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.Manifest;
import org.lifeboat.backup.BackupScope;
import org.lifeboat.source.Column;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;

/** An import carries the tables of its own department or subsystem, and no others (HMS's plan). */
class ImportTablesTest {

    private static final Profile HMS = new Profile("hms", null, "java:/HmsDS", null, null, null, Map.of(), Map.of(),
            List.of("users"), List.of(
                    new Profile.Department("HR", "Human Resources", List.of(
                            new Profile.Subsystem("HR1", "Talent", List.of("applicants", "vacancies")),
                            new Profile.Subsystem("HR2", "Development", List.of("trainings")))),
                    new Profile.Department("CT", "Core", List.of(
                            new Profile.Subsystem("CT1", "Patients", List.of("patients"))))),
            List.of(), List.of(), List.of(), null, Map.of(), null, Path.of("hms.yaml"));

    private static final SchemaCatalog LIVE = new SchemaCatalog(List.of(table("applicants"), table("vacancies"),
            table("trainings"), table("patients"), table("users")), List.of(), List.of());

    private static Table table(String name) {
        return new Table(new TableRef("public", name),
                List.of(new Column("id", "integer", Column.TypeKind.BASE, true, false, true)), List.of("id"), 10);
    }

    private static Manifest carrying(String scope, String schema, String... tables) {
        List<Manifest.TableEntry> entries = java.util.Arrays.stream(tables)
                .map(t -> new Manifest.TableEntry(schema, t, "data/" + schema + "." + t + ".jsonl.zst", List.of(),
                        List.of("id"), 1, null, 0, 1)).toList();
        return new Manifest(Manifest.FORMAT_VERSION, "hms", scope, "2026-12-01T00:00:00Z", null, null, null, null,
                null, null, null, entries, List.of(), List.of(), List.of(), List.of(), null, List.of());
    }

    @Test
    void a_subsystem_or_department_file_with_its_own_tables_passes() {
        ImportTables.check(HMS, LIVE, BackupScope.parse("subsystem:HR1"),
                carrying("subsystem:HR1", "public", "applicants", "vacancies"));
        ImportTables.check(HMS, LIVE, BackupScope.parse("department:HR"),
                carrying("department:HR", "public", "applicants", "trainings"));
    }

    @Test
    void an_hr1_file_with_the_patients_table_added_is_refused_naming_it() {
        TableOutsideScopeException e = assertThrows(TableOutsideScopeException.class, () -> ImportTables.check(HMS,
                LIVE, BackupScope.parse("subsystem:HR1"),
                carrying("subsystem:HR1", "public", "applicants", "patients")));
        assertEquals(List.of("public.patients"), e.tables());
        assertTrue(e.getMessage().contains("table public.patients, which subsystem:HR1 does not own"), e.getMessage());
    }

    @Test
    void another_subsystem_of_the_same_department_and_the_shared_users_table_are_refused_too() {
        TableOutsideScopeException e = assertThrows(TableOutsideScopeException.class, () -> ImportTables.check(HMS,
                LIVE, BackupScope.parse("subsystem:HR1"), carrying("subsystem:HR1", "public", "trainings", "users")));
        assertEquals(List.of("public.trainings", "public.users"), e.tables());
    }

    @Test
    void a_table_of_the_same_name_in_another_schema_is_not_the_scopes_table() {
        assertThrows(TableOutsideScopeException.class, () -> ImportTables.check(HMS, LIVE,
                BackupScope.parse("subsystem:HR1"), carrying("subsystem:HR1", "audit", "applicants")));
    }
}
