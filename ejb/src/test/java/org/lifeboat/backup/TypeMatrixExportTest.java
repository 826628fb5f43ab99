package org.lifeboat.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.ByteSink;
import org.lifeboat.archive.RowEncoder;
import org.lifeboat.source.CatalogReader;
import org.lifeboat.source.TableRef;
import org.lifeboat.source.TestDatabase;

/**
 * Every value the exporter reads, and every value after the JSON line round trip, equals PostgreSQL's own
 * text output of it ({@code format('%s', v)} calls the type's output function), for a column of every kind.
 */
class TypeMatrixExportTest {

    private static TestDatabase db;
    private static BackupPlan.PlannedTable table;
    private static final List<String> COLUMNS = List.of("n30", "tstz", "ts", "iv", "u", "b", "j", "jb", "arr",
            "grid", "mood", "dom", "comp", "tsv", "rng", "cash", "ip", "net", "bits", "txt", "empty", "nothing",
            "fixed", "d", "f8", "real4");

    @BeforeAll
    static void create() throws Exception {
        db = new TestDatabase("unit_types");
        db.execute("""
                CREATE TYPE mood AS ENUM ('calm', 'very busy', 'naïve');
                CREATE DOMAIN code AS text CHECK (VALUE <> 'forbidden');
                CREATE TYPE pair AS (label text, amount numeric);
                CREATE TABLE every_type (
                    id int PRIMARY KEY, n30 numeric(40,10), tstz timestamptz, ts timestamp, iv interval, u uuid,
                    b bytea, j json, jb jsonb, arr text[], grid int[], mood mood, dom code, comp pair,
                    tsv tsvector, rng tstzrange, cash money, ip inet, net cidr, bits bit varying(20), txt text,
                    empty text, nothing text, fixed char(6), d date, f8 double precision, real4 real);
                SET TimeZone = 'America/New_York';
                INSERT INTO every_type VALUES (1, 123456789012345678901234567890.0123456789,
                    '2024-02-29 23:59:59.123456+05:30', '1999-12-31 23:59:59.999999', '1 year 2 mons -3 days 04:05:06.7',
                    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '\\x00ff00'::bytea || '\\x000000'::bytea,
                    '{"a": 1,   "a": 2 , "b":[1,2]}', '{"z": 1, "a": [true, null]}',
                    ARRAY['x', NULL, 'quote"d', 'comma,y', ''], '{{1,2},{3,NULL}}', 'very busy', 'ok',
                    ROW('label, with (parens)', 12.50), to_tsvector('english', 'The quick brown foxes jumped'),
                    tstzrange('2024-01-01 00:00+00', '2024-06-01 00:00+00', '[)'), 1234.56, '192.168.1.5/24',
                    '10.0.0.0/8', B'1011001', E'line one\\nline two\\ttab \\\\ back "quoted" 😀 ünïcödé \\u2028',
                    '', NULL, 'ab', '0001-01-01', 1.0000000000000002, 3.4028235e38);
                INSERT INTO every_type (id) VALUES (2);
                RESET TimeZone;
                """);
        var catalog = new CatalogReader().read(db.connection(), List.of("unit_types"));
        table = BackupPlanner.plannedTable(catalog.table(new TableRef("unit_types", "every_type")).orElseThrow());
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    /** PostgreSQL's own text output, under the exporter's session settings. */
    private static List<List<String>> expected(Connection c) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT format('%s', id)");
        for (String col : COLUMNS) {
            sql.append(", CASE WHEN ").append(col).append(" IS NULL THEN NULL ELSE format('%s', ").append(col)
                    .append(") END");
        }
        sql.append(" FROM unit_types.every_type ORDER BY id");
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void every_value_is_read_and_encoded_exactly_as_postgresql_prints_it() throws Exception {
        Connection c = db.connection();
        SnapshotSession.attach(c, SnapshotSession.export(java.sql.DriverManager.getConnection(TestDatabase.URL)));
        List<List<String>> expected;
        List<String[]> exported = new ArrayList<>();
        BackupPlan.PlannedPartition whole = new BackupPlan.PlannedPartition(0, 0, 0, null, null);
        try {
            expected = expected(c);
            try (TableCursor cursor = TableCursor.open(c, table, whole, null, 0, 100)) {
                for (String[] row = cursor.next(); row != null; row = cursor.next()) {
                    exported.add(row);
                }
            }
        } finally {
            SnapshotSession.end(c);
        }
        assertEquals(2, exported.size());
        ObjectMapper json = new ObjectMapper();
        for (int r = 0; r < 2; r++) {
            ByteSink line = new ByteSink(256);
            RowEncoder.encode(exported.get(r), line);
            String[] decoded = json.readValue(line.toString(), String[].class);
            for (int col = 0; col < expected.get(r).size(); col++) {
                String name = col == 0 ? "id" : COLUMNS.get(col - 1);
                assertEquals(expected.get(r).get(col), exported.get(r)[col], "read " + name);
                assertEquals(expected.get(r).get(col), decoded[col], "JSON round trip of " + name);
            }
        }
        String[] first = exported.get(0);
        assertEquals("123456789012345678901234567890.0123456789", first[1]);
        assertEquals("2024-02-29 18:29:59.123456+00", first[2], "timestamptz is exported in UTC");
        assertEquals("\\x00ff00000000", first[6], "bytea in hex with its zero bytes");
        assertEquals("{\"a\": 1,   \"a\": 2 , \"b\":[1,2]}", first[7], "json keeps duplicate keys and spacing");
        assertEquals("ab    ", first[23], "char(n) keeps its padding");
        assertEquals("", first[21], "empty string stays empty");
        assertNull(first[22], "NULL stays NULL");
    }

    @Test
    void a_restart_after_a_key_goes_on_with_the_next_row() throws Exception {
        Connection c = db.connection();
        c.setAutoCommit(false);
        try (TableCursor cursor = TableCursor.open(c, table, new BackupPlan.PlannedPartition(0, 0, 0, null, null),
                new String[] {"1"}, 1, 100)) {
            assertEquals("2", cursor.next()[0]);
            assertNull(cursor.next());
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }
}
