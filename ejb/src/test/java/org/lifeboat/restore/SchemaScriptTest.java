package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lifeboat.source.TestDatabase;

/** The schema script of a package: split like psql, and an uploaded one filtered to plain schema DDL. */
class SchemaScriptTest {

    /** pg_dump --schema-only of a database (or one schema of it), as the backup job writes it. */
    private static String pgDump(String database, String schema) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("pg_dump", "--schema-only", "--no-owner",
                "--no-privileges", "--host=127.0.0.1", "--username=postgres", "--no-password"));
        if (schema != null) {
            command.add("--schema=" + schema);
        }
        command.add(database);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "pg_dump " + database + " failed");
        return out;
    }

    private static int count(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void the_demo_databases_schema_dumps_pass_the_uploaded_filter_whole() throws Exception {
        Pattern createTable = Pattern.compile("(?m)^CREATE TABLE ");
        Pattern statementEnd = Pattern.compile("(?m);$");
        for (String database : List.of("edms_test", "hms_test")) {
            String dump = pgDump(database, null);
            int tables = count(createTable, dump);
            assumeTrue(tables > 0, database + " is empty right now (an IT emptied it)");
            assertTrue(dump.contains("\\restrict "), "this pg_dump writes the \\restrict line the filter drops");
            List<String> statements = SchemaScript.uploaded(dump);
            assertEquals(tables, statements.stream().filter(s -> s.startsWith("CREATE TABLE ")).count(), database);
            // the demo dumps hold no semicolon inside a literal or body: each line-ending ';' ends a statement
            assertEquals(count(statementEnd, dump), statements.size(), database);
            assertTrue(statements.stream().noneMatch(s -> s.startsWith("\\")), "meta-commands dropped");
        }
    }

    @Test
    void a_dump_with_bodies_quoted_names_literals_and_comments_holding_semicolons_recreates_the_same_schema()
            throws Exception {
        String original;
        try (TestDatabase db = new TestDatabase("schemascript_src")) {
            // one statement per call: the JDBC driver's own splitter is not what is tested here
            db.execute("CREATE TYPE mood AS ENUM ('ok;', 'sad--', 'x/*y')");
            db.execute("""
                    CREATE TABLE "odd;name" ("col -- 1" text DEFAULT 'a;b -- c /* d', m mood,
                        e text DEFAULT E'it\\'s; fine', CONSTRAINT semi CHECK ("col -- 1" <> ';'))""");
            db.execute("COMMENT ON TABLE \"odd;name\" IS 'holds; semicolons -- and /* comments */'");
            db.execute("""
                    CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $fn$
                    BEGIN
                      NEW.e := $$nested; dollar$$ || ';';
                      RETURN NEW;
                    END;
                    $fn$""");
            db.execute("CREATE TRIGGER touch BEFORE INSERT ON \"odd;name\" FOR EACH ROW EXECUTE FUNCTION touch()");
            db.execute("""
                    CREATE FUNCTION plus(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE
                    BEGIN ATOMIC
                      SELECT CASE WHEN a IS NULL THEN b ELSE a + b END;
                    END""");
            db.execute("CREATE VIEW semis AS SELECT ';' AS s, plus(1, 2) AS three");
            original = pgDump("lifeboat_test", "schemascript_src");
            db.execute("DROP SCHEMA schemascript_src CASCADE");
            List<String> statements = SchemaScript.uploaded(original);
            assertTrue(statements.stream().anyMatch(s -> s.startsWith("CREATE FUNCTION schemascript_src.plus")
                    && s.contains("END")), "BEGIN ATOMIC body kept whole: " + statements);
            try (Statement st = db.connection().createStatement()) {
                for (String s : statements) {
                    st.execute(s);
                }
                st.execute("SET search_path = schemascript_src");
                st.execute("INSERT INTO \"odd;name\" (m) VALUES ('ok;')");
                try (ResultSet rs = st.executeQuery("SELECT e, \"col -- 1\", (SELECT three FROM semis) FROM \"odd;name\"")) {
                    rs.next();
                    assertEquals("nested; dollar;", rs.getString(1), "the trigger function's body survived");
                    assertEquals("a;b -- c /* d", rs.getString(2));
                    assertEquals(3, rs.getInt(3));
                }
            }
            String recreated = pgDump("lifeboat_test", "schemascript_src");
            assertEquals(withoutRestrictKeys(original), withoutRestrictKeys(recreated), "the same schema again");
        }
    }

    private static String withoutRestrictKeys(String dump) {
        return dump.replaceAll("(?m)^\\\\(un)?restrict .*$", "");
    }

    @Test
    void a_trusted_script_drops_psql_lines_and_creates_schemas_only_when_missing() {
        List<String> statements = SchemaScript.trusted("\\restrict abc\nSET client_encoding = 'UTF8';\n"
                + "CREATE SCHEMA app;\nCREATE TABLE app.t (a int);\n\\unrestrict abc\n");
        assertEquals(List.of("SET client_encoding = 'UTF8'", "CREATE SCHEMA IF NOT EXISTS app",
                "CREATE TABLE app.t (a int)"), statements);
    }

    @Test
    void a_trusted_script_still_refuses_shell_escapes() {
        assertThrows(SchemaStatementRefusedException.class, () -> SchemaScript.trusted("\\! touch /tmp/x\n"));
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                Arguments.of("SELECT pg_sleep(30);", "calls pg_sleep()"),
                Arguments.of("CREATE TABLE t (a int);\nSELECT pg_catalog.pg_sleep(1);", "line 3"),
                Arguments.of("SELECT 1;", "SELECT other than pg_dump's"),
                Arguments.of("SELECT pg_catalog.set_config('role', 'postgres', false);", "calls set_config()"),
                Arguments.of("ALTER DATABASE edms_test SET statement_timeout = 1;", "ALTER DATABASE"),
                Arguments.of("/* ; */ ALTER DATABASE edms_test SET work_mem = '1MB';", "ALTER DATABASE"),
                Arguments.of("CREATE TABLE t (a text DEFAULT '\\'); ALTER DATABASE d SET x = 1; --');",
                        "ALTER DATABASE"),
                Arguments.of("ALTER SYSTEM SET max_connections = 1;", "ALTER SYSTEM"),
                Arguments.of("ALTER ROLE lifeboat SUPERUSER;", "ALTER ROLE"),
                Arguments.of("CREATE ROLE intruder LOGIN;", "CREATE ROLE"),
                Arguments.of("DROP ROLE lifeboat;", "DROP statement"),
                Arguments.of("CREATE DATABASE other;", "CREATE DATABASE"),
                Arguments.of("COPY t FROM PROGRAM 'id';", "COPY"),
                Arguments.of("COPY t TO '/tmp/x';", "COPY"),
                Arguments.of("DO $$ BEGIN PERFORM 1; END $$;", "DO block"),
                Arguments.of("LOAD 'evil';", "LOAD"),
                Arguments.of("SET ROLE postgres;", "role the restore runs as"),
                Arguments.of("SET SESSION AUTHORIZATION postgres;", "role the restore runs as"),
                Arguments.of("SET session_replication_role = replica;", "not one pg_dump sets"),
                Arguments.of("SET standard_conforming_strings = off;", "must stay on"),
                Arguments.of("GRANT pg_execute_server_program TO lifeboat;", "GRANT of a role"),
                Arguments.of("REVOKE lifeboat FROM someone;", "REVOKE of a role"),
                Arguments.of("CREATE EXTENSION adminpack;", "extension adminpack is not one of the allowed"),
                Arguments.of("CREATE EXTENSION IF NOT EXISTS plpython3u;", "extension plpython3u"),
                Arguments.of("CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION f();", "CREATE EVENT"),
                Arguments.of("CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw;", "CREATE SERVER"),
                Arguments.of("CREATE TEMP TABLE t (a int);", "CREATE TEMP"),
                Arguments.of("CREATE TABLE t (a int DEFAULT pg_sleep(1)::text::int);", "calls pg_sleep()"),
                Arguments.of("CREATE VIEW v AS SELECT dblink('host=evil', 'select 1');", "calls dblink()"),
                Arguments.of("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE "
                        + "'ALTER DATABASE d SET x = 1'; END $$;", "runs EXECUTE"),
                Arguments.of("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $body$ BEGIN "
                        + "PERFORM pg_sleep(5); RETURN NEW; END $body$;", "its body calls pg_sleep()"),
                Arguments.of("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'ALTER ROLE lifeboat SUPERUSER';",
                        "runs ALTER ROLE"),
                Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;",
                        "SECURITY DEFINER"),
                Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE c AS 'libevil', 'f';", "language c"),
                Arguments.of("CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE plperlu AS $$ 1 $$;",
                        "language plperlu"),
                Arguments.of("\\! rm -rf /\n", "psql meta-command \\!"),
                Arguments.of("\\connect postgres\nCREATE TABLE t (a int);", "psql meta-command \\connect"),
                Arguments.of("CREATE TABLE t (a int) \\gexec\n", "inside a statement"),
                Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1;", "not closed"),
                Arguments.of("CREATE TABLE t (a text DEFAULT 'open);", "not closed"),
                Arguments.of("INSERT INTO t VALUES (1);", "INSERT statement is not schema DDL"),
                Arguments.of("CREATE RULE r AS ON INSERT TO t DO ALSO DELETE FROM u;", "CREATE RULE"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("hostile")
    void a_hostile_uploaded_script_is_refused_naming_the_statement(String script, String why) {
        SchemaStatementRefusedException e = assertThrows(SchemaStatementRefusedException.class,
                () -> SchemaScript.uploaded("SET client_encoding = 'UTF8';\n" + script));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains("nothing of the schema was run"), e.getMessage());
    }

    @Test
    void what_looks_hostile_inside_a_literal_or_comment_is_data_and_passes() {
        List<String> statements = SchemaScript.uploaded("""
                -- ALTER DATABASE d SET x = 1;
                /* COPY t FROM PROGRAM 'id'; /* nested; */ SELECT pg_sleep(1); */
                CREATE TABLE t (a text DEFAULT E'\\'; ALTER SYSTEM SET x = 1; --', "pg_sleep(" text);
                COMMENT ON TABLE t IS 'DO $$ pg_sleep(1) $$; DROP ROLE x';
                CREATE EXTENSION IF NOT EXISTS "uuid-ossp" WITH SCHEMA public;
                GRANT SELECT ON TABLE t TO PUBLIC;
                SELECT pg_catalog.set_config('search_path', '', false);
                SELECT pg_catalog.setval('public.t_id_seq', 42, true);
                """);
        assertEquals(6, statements.size(), statements.toString());
        assertTrue(statements.get(0).startsWith("CREATE TABLE t") && statements.get(0).endsWith("text)"),
                statements.get(0));
    }

    @Test
    void an_allowed_upload_leaves_the_database_level_to_lifeboat_and_the_rest_to_the_confined_role() {
        SchemaScript.Confined split = SchemaScript.uploaded("""
                SET check_function_bodies = false;
                CREATE SCHEMA hr;
                COMMENT ON SCHEMA hr IS 'people';
                CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
                COMMENT ON EXTENSION citext IS 'case-insensitive text';
                CREATE TABLE hr.staff (id int PRIMARY KEY, name public.citext);
                """, List.of("public", "HR"));
        assertEquals(List.of("CREATE SCHEMA IF NOT EXISTS hr", "COMMENT ON SCHEMA hr IS 'people'",
                "CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public",
                "COMMENT ON EXTENSION citext IS 'case-insensitive text'"), split.owner());
        assertEquals(List.of("SET check_function_bodies = false",
                "CREATE TABLE hr.staff (id int PRIMARY KEY, name public.citext)"), split.confined());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE SCHEMA audit_trail;", "CREATE SCHEMA IF NOT EXISTS \"Other\";",
            "CREATE EXTENSION citext WITH SCHEMA elsewhere;", "COMMENT ON SCHEMA pg_catalog IS 'x';"})
    void an_allowed_upload_may_not_create_or_comment_a_schema_the_profile_does_not_list(String statement) {
        SchemaStatementRefusedException e = assertThrows(SchemaStatementRefusedException.class,
                () -> SchemaScript.uploaded(statement, List.of("public")));
        assertTrue(e.getMessage().contains("is not one of the profile's schemas [public]"), e.getMessage());
    }
}
