package org.lifeboat.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private ProfileException failure(String yaml) throws IOException {
        Path file = write("shop.yaml", yaml);
        return assertThrows(ProfileException.class, () -> new ProfileLoader().load(file));
    }

    @Test
    void a_complete_profile_loads_with_its_departments() throws IOException {
        write("base.sql", "INSERT INTO roles VALUES (1);");
        Profile p = new ProfileLoader().load(write("shop.yaml", """
                source: shop
                datasource: java:jboss/datasources/ShopDS
                naturalKeys:
                  roles: [name]
                departments:
                  - id: HR
                    name: Human Resources
                    subsystems:
                      - {id: HR1, name: Hiring, tables: [applicants, public.vacancies]}
                storage:
                  - {name: files, path: shop/files}
                baseline: base.sql
                """));
        assertEquals("shop", p.source());
        assertEquals(List.of("public"), p.schemas());
        assertEquals(List.of("*"), p.include());
        assertEquals("HR", p.departmentOf("HR1").orElseThrow().id());
        assertEquals(List.of("name"), p.naturalKeys().get("roles"));
    }

    @Test
    void an_unknown_key_is_refused_with_its_line() throws IOException {
        ProfileException e = failure("source: shop\ndatasource: java:/ShopDS\nnaturalkeys:\n  roles: [name]\n");
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("shop.yaml:3: unknown key 'naturalkeys'"), e.getMessage());
        assertTrue(e.getMessage().contains("naturalKeys"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void a_bad_table_name_is_refused_with_its_line() throws IOException {
        ProfileException e = failure("""
                source: shop
                datasource: java:/ShopDS
                sharedTables:
                  - users
                  - "users; drop table x"
                """);
        assertEquals(5, e.line());
        assertTrue(e.reason().contains("bad table name 'users; drop table x'"), e.reason());
    }

    @Test
    void the_recovery_point_objective_defaults_to_a_day_and_a_bad_one_names_its_line() throws IOException {
        assertEquals(java.time.Duration.ofHours(24), new ProfileLoader().load(write("shop.yaml",
                "source: shop\ndatasource: java:/ShopDS\n")).recoveryPointObjective());
        assertEquals(java.time.Duration.ofMinutes(90), new ProfileLoader().load(write("shop.yaml",
                "source: shop\ndatasource: java:/ShopDS\nrpo: 90m\n")).recoveryPointObjective());
        assertEquals(java.time.Duration.ofHours(6), new ProfileLoader().load(write("shop.yaml",
                "source: shop\ndatasource: java:/ShopDS\nrpo: PT6H\n")).recoveryPointObjective());
        ProfileException e = failure("source: shop\ndatasource: java:/ShopDS\nrpo: daily\n");
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("rpo 'daily' is not a duration: write e.g. 24h"), e.reason());
    }

    @Test
    void a_missing_datasource_is_refused() throws IOException {
        ProfileException e = failure("source: shop\nschemas: [public]\n");
        assertTrue(e.reason().contains("missing required key 'datasource'"), e.reason());
    }

    @Test
    void the_file_key_cannot_be_set_from_yaml() throws IOException {
        ProfileException e = failure("source: shop\ndatasource: java:/ShopDS\nfile: /etc/passwd\n");
        assertEquals(3, e.line());
    }

    @Test
    void a_storage_path_may_not_leave_the_sources_folder() throws IOException {
        ProfileException e = failure("""
                source: shop
                datasource: java:/ShopDS
                storage:
                  - {name: files, path: ../../etc}
                """);
        assertEquals(4, e.line());
        assertTrue(e.reason().contains("must be relative to the sources folder"), e.reason());
    }

    @Test
    void a_duplicate_subsystem_id_is_refused() throws IOException {
        ProfileException e = failure("""
                source: shop
                datasource: java:/ShopDS
                departments:
                  - id: HR
                    name: HR
                    subsystems:
                      - {id: HR1, name: A, tables: [a]}
                      - {id: HR1, name: B, tables: [b]}
                """);
        assertTrue(e.reason().contains("subsystem id 'HR1' is used twice"), e.reason());
    }

    @Test
    void the_source_must_be_named_like_its_file() throws IOException {
        ProfileException e = failure("source: other\ndatasource: java:/ShopDS\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("must be named like its file (shop)"), e.reason());
    }

    @Test
    void a_missing_baseline_file_is_refused() throws IOException {
        ProfileException e = failure("source: shop\ndatasource: java:/ShopDS\nbaseline: nowhere.sql\n");
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("does not exist"), e.reason());
    }

    @Test
    void a_wrong_value_type_names_the_line() throws IOException {
        ProfileException e = failure("source: shop\ndatasource: java:/ShopDS\nschemas:\n  nested: map\n");
        assertEquals(4, e.line(), e.getMessage());
    }

    @Test
    void the_shipped_demo_profiles_load() {
        Path profiles = Path.of("..", "wildfly-config", "profiles");
        List<Profile> loaded = new ProfileLoader().loadAll(profiles);
        assertEquals(List.of("edms", "hms"), loaded.stream().map(Profile::source).toList());
        Profile hms = loaded.get(1);
        assertEquals(List.of("HR", "CT", "LOG", "FIN"), hms.departments().stream().map(Profile.Department::id).toList());
        assertEquals(10, hms.departments().stream().mapToLong(d -> d.subsystems().size()).sum());
        assertEquals(List.of("users"), hms.sharedTables());
    }

    @Test
    void an_invalid_profile_is_set_aside_with_its_reason_and_the_others_still_load() throws IOException {
        write("shop.yaml", "source: shop\ndatasource: java:/ShopDS\n");
        write("typo.yaml", "source: typo\ndatasource: java:/TypoDS\nnaturalkeys:\n  roles: [name]\n");
        write("named.yaml", "source: other\ndatasource: java:/OtherDS\n");
        ProfileLoader.Loaded loaded = new ProfileLoader().loadEach(write("shop.yaml",
                "source: shop\ndatasource: java:/ShopDS\n").getParent());
        assertEquals(List.of("shop"), loaded.profiles().stream().map(Profile::source).toList());
        assertEquals(2, loaded.invalid().size(), loaded.invalid().toString());
        assertTrue(loaded.invalid().stream().anyMatch(e -> e.file().getFileName().toString().equals("typo.yaml")
                && e.line() == 3), loaded.invalid().toString());
        assertTrue(loaded.invalid().stream().anyMatch(e -> e.file().getFileName().toString().equals("named.yaml")),
                loaded.invalid().toString());
    }
}
