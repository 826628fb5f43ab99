package org.lifeboat.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lifeboat.archive.EntryNames;
import org.lifeboat.archive.Manifest;

/**
 * Dumps a source's schema DDL with {@code pg_dump --schema-only}, reading the same exported snapshot as the data.
 * When pg_dump is not installed (or fails) the backup goes on and the manifest says why the schema is missing.
 */
public final class SchemaDumper {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private SchemaDumper() {}

    /**
     * @param extensions the extensions installed in those schemas: with {@code --schema}, pg_dump leaves every
     *                   extension out unless named with {@code --extension}, and a new instance would miss them
     */
    public static Manifest.SchemaInfo dump(String jdbcUrl, String user, List<String> schemas, List<String> extensions,
                                           String snapshotId, Path target) {
        Optional<Path> pgDump = findPgDump();
        if (pgDump.isEmpty()) {
            return new Manifest.SchemaInfo(false, null, null,
                    "pg_dump was not found (set lifeboat.pg_dump or install the PostgreSQL client tools)");
        }
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        if (!url.matches()) {
            return new Manifest.SchemaInfo(false, null, null, "cannot read host and database from " + jdbcUrl);
        }
        List<String> command = new ArrayList<>(List.of(pgDump.get().toString(), "--schema-only", "--no-owner",
                "--no-privileges", "--snapshot=" + snapshotId, "--host=" + url.group(1),
                "--port=" + (url.group(2) == null ? "5432" : url.group(2)), "--username=" + user,
                "--file=" + target, "--no-password"));
        schemas.forEach(s -> command.add("--schema=" + s));
        extensions.forEach(e -> command.add("--extension=" + e));
        command.add(url.group(3));
        try {
            Files.createDirectories(target.getParent());
            Path log = target.resolveSibling("pg_dump.log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            String password = System.getenv("LIFEBOAT_SOURCE_DB_PASSWORD");
            if (password != null) {
                builder.environment().put("PGPASSWORD", password);
            }
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Manifest.SchemaInfo(false, null, pgDump.get().toString(), "pg_dump timed out");
            }
            if (process.exitValue() != 0) {
                String output = Files.readString(log).strip();
                return new Manifest.SchemaInfo(false, null, pgDump.get().toString(),
                        "pg_dump failed: " + output.substring(0, Math.min(500, output.length())));
            }
            return new Manifest.SchemaInfo(true, EntryNames.SCHEMA_ENTRY, version(pgDump.get()), null);
        } catch (IOException e) {
            return new Manifest.SchemaInfo(false, null, pgDump.get().toString(), "pg_dump failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Manifest.SchemaInfo(false, null, pgDump.get().toString(), "interrupted");
        }
    }

    /** The extensions whose objects live in the schemas (e.g. citext in public). */
    public static List<String> extensions(java.sql.Connection c, List<String> schemas) throws java.sql.SQLException {
        List<String> names = new ArrayList<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT e.extname FROM pg_extension e JOIN "
                + "pg_namespace n ON n.oid = e.extnamespace WHERE n.nspname = ANY (?) ORDER BY 1")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** {@code lifeboat.pg_dump} if set; else the newest {@code /usr/lib/postgresql/N/bin/pg_dump}; else PATH. */
    static Optional<Path> findPgDump() {
        String configured = System.getProperty("lifeboat.pg_dump");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (var versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin/pg_dump")).filter(Files::isExecutable)
                        .max(Comparator.comparingInt(p -> versionNumber(p.getParent().getParent())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException ignored) {
                // fall through to PATH
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "pg_dump");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int versionNumber(Path folder) {
        try {
            return Integer.parseInt(folder.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String version(Path pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return pgDump.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return pgDump.toString();
        }
    }
}
