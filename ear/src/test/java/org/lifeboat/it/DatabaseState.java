package org.lifeboat.it;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a test compares before and after: a hash of every table, or pg_dump's data output. */
final class DatabaseState {

    private DatabaseState() {}

    /** Table name → md5 of its rows' text, order-independent. */
    static Map<String, String> tableHashes(Connection c) throws SQLException {
        Map<String, String> hashes = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet tables = st.executeQuery("SELECT quote_ident(table_name) FROM information_schema.tables "
                     + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")) {
            while (tables.next()) {
                hashes.put(tables.getString(1), null);
            }
        }
        for (String table : hashes.keySet()) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') FROM "
                            + table + " t")) {
                rs.next();
                hashes.put(table, rs.getString(1));
            }
        }
        return hashes;
    }

    /** Fails with the lines only one side has (at most 20 of each) when two sorted dumps differ. */
    static void assertSameData(String expected, String actual) {
        if (expected.equals(actual)) {
            return;
        }
        java.util.Set<String> before = new java.util.TreeSet<>(expected.lines().toList());
        java.util.Set<String> after = new java.util.TreeSet<>(actual.lines().toList());
        java.util.List<String> lost = before.stream().filter(l -> !after.contains(l)).limit(20).toList();
        java.util.List<String> gained = after.stream().filter(l -> !before.contains(l)).limit(20).toList();
        throw new AssertionError("pg_dump --data-only differs from the backup point.\nonly before: " + lost
                + "\nonly after: " + gained);
    }

    /** pg_dump --data-only of a database, its lines sorted (COPY blocks follow physical row order). */
    static String dataDump(String database) throws Exception {
        Process p = new ProcessBuilder("pg_dump", "--data-only", "--no-owner", "-h", "127.0.0.1", "-U", "lifeboat",
                "-d", database).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("pg_dump of " + database + " failed");
        }
        // comments and psql commands (\\restrict carries a random key) are not data
        String[] lines = out.lines().filter(l -> !l.startsWith("--") && !l.startsWith("\\")).toArray(String[]::new);
        Arrays.sort(lines);
        return String.join("\n", lines);
    }

    /** pg_dump --schema-only of the tables matching a pattern, without comments and psql commands. */
    static String schemaDump(String database, String tables) throws Exception {
        Process p = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "-t", tables, "-h", "127.0.0.1",
                "-U", "lifeboat", "-d", database).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("pg_dump --schema-only of " + database + " failed");
        }
        return String.join("\n", out.lines().filter(l -> !l.startsWith("--") && !l.startsWith("\\")).toList());
    }
}
