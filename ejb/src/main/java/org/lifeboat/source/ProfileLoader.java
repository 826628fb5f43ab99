package org.lifeboat.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and validates profile YAML files. Everything that can be checked without the database is checked here,
 * and every problem is reported with the file, the line and the reason; nothing half-valid gets through.
 */
public final class ProfileLoader {

    static final Pattern SOURCE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    static final Pattern TABLE_NAME =
            Pattern.compile("(?:[A-Za-z_][A-Za-z0-9_$]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_$]{0,62}");
    static final Pattern TABLE_GLOB = Pattern.compile("[A-Za-z0-9_$.*?]{1,130}");
    static final Pattern SCOPE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES);

    /** The usable profiles of a folder, and the files that are not, each with its file, line and reason. */
    public record Loaded(List<Profile> profiles, List<ProfileException> invalid) {}

    /**
     * Loads every profile of a folder that can be used: an invalid file (or a second file naming a source
     * already defined) is set aside with its reason, and leaves the other sources usable.
     */
    public Loaded loadEach(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ProfileException(folder, 0, "profiles folder does not exist: " + folder
                    + " (set the system property lifeboat.profiles.dir)");
        }
        List<Profile> profiles = new ArrayList<>();
        List<ProfileException> invalid = new ArrayList<>();
        Set<String> names = new HashSet<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(ProfileLoader::isProfileFile).sorted().toList()) {
                try {
                    Profile p = load(file);
                    if (!names.add(p.source())) {
                        throw new ProfileException(p.file(), 1, "source '" + p.source() + "' is defined twice");
                    }
                    profiles.add(p);
                } catch (ProfileException e) {
                    invalid.add(e);
                }
            }
        } catch (IOException e) {
            throw new ProfileException(folder, 0, "cannot list profiles: " + e.getMessage());
        }
        return new Loaded(profiles, invalid);
    }

    /** Loads every {@code *.yaml} / {@code *.yml} file of a folder, sorted by name; the first invalid one throws. */
    public List<Profile> loadAll(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ProfileException(folder, 0, "profiles folder does not exist: " + folder
                    + " (set the system property lifeboat.profiles.dir)");
        }
        List<Profile> profiles = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(ProfileLoader::isProfileFile).sorted().toList()) {
                profiles.add(load(file));
            }
        } catch (IOException e) {
            throw new ProfileException(folder, 0, "cannot list profiles: " + e.getMessage());
        }
        Set<String> names = new HashSet<>();
        for (Profile p : profiles) {
            if (!names.add(p.source())) {
                throw new ProfileException(p.file(), 1, "source '" + p.source() + "' is defined twice");
            }
        }
        return profiles;
    }

    /** The source a profile file is for: its name without {@code .yaml} / {@code .yml} (it must match {@code source:}). */
    public static String sourceOf(Path file) {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    static boolean isProfileFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"))
                && !org.lifeboat.repository.RepositoryLoader.isRepositoriesFile(file); // beside, not a profile
    }

    public Profile load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ProfileException(file, 0, "cannot read: " + e.getMessage());
        }
        Profile profile;
        try {
            profile = yaml.readValue(text, Profile.class);
        } catch (PropertyBindingException e) {
            // Jackson buffers creator properties, so its location can be past the key: find the key's line
            int line = keyLine(text.split("\n", -1), e.getPropertyName());
            throw new ProfileException(file, line > 0 ? line : e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "unknown key '" + e.getPropertyName() + "'; known keys here: " + knownKeys(e));
        } catch (JsonProcessingException e) {
            throw new ProfileException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    e.getOriginalMessage().replaceAll("\\s*\\(class [^)]*\\)", "")
                            .replace("org.lifeboat.source.", ""));
        }
        if (profile == null) {
            throw new ProfileException(file, 1, "the file is empty");
        }
        profile = profile.withFile(file.toAbsolutePath());
        new Validation(file, text.split("\n", -1)).check(profile);
        return profile;
    }

    private static int keyLine(String[] lines, String key) {
        Pattern keyPattern = Pattern.compile("^[\\s-]*\"?" + Pattern.quote(key) + "\"?\\s*:.*");
        for (int i = 0; i < lines.length; i++) {
            if (keyPattern.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String knownKeys(PropertyBindingException e) {
        return e.getKnownPropertyIds() == null ? "?" : e.getKnownPropertyIds().stream()
                .map(Object::toString).filter(k -> !"file".equals(k)).sorted().collect(Collectors.joining(", "));
    }

    /** Semantic checks; a failing value is located by finding its line in the text. */
    private static final class Validation {
        private final Path file;
        private final String[] lines;

        Validation(Path file, String[] lines) {
            this.file = file;
            this.lines = lines;
        }

        void check(Profile p) {
            require(p.source() != null, "source", "missing required key 'source'");
            require(SOURCE_NAME.matcher(p.source()).matches(), p.source(),
                    "source name '" + p.source() + "' must match " + SOURCE_NAME.pattern());
            String expected = sourceOf(file);
            require(expected.equals(p.source()), p.source(),
                    "source '" + p.source() + "' must be named like its file (" + expected + ")");
            require(p.datasource() != null && !p.datasource().isBlank(), "source",
                    "missing required key 'datasource' (the JNDI name of the source's WildFly datasource)");
            require(p.datasource().startsWith("java:"), p.datasource(),
                    "datasource '" + p.datasource() + "' must be a JNDI name starting with java:");
            p.schemas().forEach(s -> require(IDENTIFIER.matcher(s).matches(), s, "bad schema name '" + s + "'"));
            p.include().forEach(g -> require(TABLE_GLOB.matcher(g).matches(), g, "bad table pattern '" + g + "'"));
            p.exclude().forEach(g -> require(TABLE_GLOB.matcher(g).matches(), g, "bad table pattern '" + g + "'"));
            checkColumnsByTable(p.naturalKeys(), "naturalKeys");
            checkColumnsByTable(p.regenerate(), "regenerate");
            p.sharedTables().forEach(this::table);
            Set<String> ids = new HashSet<>();
            for (Profile.Department d : p.departments()) {
                scopeId(d.id(), ids, "department");
                require(d.subsystems() != null && !d.subsystems().isEmpty(), d.id(),
                        "department '" + d.id() + "' has no subsystems");
                for (Profile.Subsystem s : d.subsystems()) {
                    scopeId(s.id(), ids, "subsystem");
                    require(s.tables() != null && !s.tables().isEmpty(), s.id(),
                            "subsystem '" + s.id() + "' lists no tables");
                    s.tables().forEach(this::table);
                }
            }
            p.restoreCounters().forEach((name, table) -> {
                require(IDENTIFIER.matcher(name).matches(), name, "bad counter name '" + name + "'");
                table(table);
            });
            Set<String> roots = new HashSet<>();
            for (Profile.StorageRoot r : p.storage()) {
                require(r.name() != null && IDENTIFIER.matcher(r.name()).matches(), String.valueOf(r.name()),
                        "storage root needs a name made of letters, digits and _ (got '" + r.name() + "')");
                require(roots.add(r.name()), r.name(), "storage root '" + r.name() + "' is listed twice");
                relativePath(r.path(), "storage root '" + r.name() + "' path");
            }
            p.configuration().forEach(f -> relativePath(f, "configuration file"));
            p.secrets().forEach(f -> relativePath(f, "secret file"));
            if (p.rpo() != null) {
                boolean parses;
                try {
                    p.recoveryPointObjective();
                    parses = true;
                } catch (RuntimeException e) {
                    parses = false;
                }
                require(parses, p.rpo(), "rpo '" + p.rpo() + "' is not a duration: write e.g. 24h, 90m, 7d or PT6H");
            }
            if (p.baseline() != null) {
                Path baseline = file.toAbsolutePath().getParent().resolve(p.baseline()).normalize();
                require(Files.isRegularFile(baseline), p.baseline(),
                        "baseline file " + baseline + " does not exist");
            }
        }

        private void checkColumnsByTable(Map<String, List<String>> byTable, String key) {
            byTable.forEach((table, columns) -> {
                table(table);
                require(columns != null && !columns.isEmpty(), table, key + " of '" + table + "' lists no columns");
                columns.forEach(c -> require(c != null && IDENTIFIER.matcher(c).matches(), String.valueOf(c),
                        "bad column name '" + c + "' in " + key + " of '" + table + "'"));
            });
        }

        private void table(String name) {
            require(name != null && TABLE_NAME.matcher(name).matches(), String.valueOf(name),
                    "bad table name '" + name + "' (expected table or schema.table, letters, digits and _)");
        }

        private void scopeId(String id, Set<String> seen, String what) {
            require(id != null && SCOPE_ID.matcher(id).matches(), String.valueOf(id),
                    what + " id '" + id + "' must match " + SCOPE_ID.pattern());
            require(seen.add(id), id, what + " id '" + id + "' is used twice");
        }

        private void relativePath(String path, String what) {
            require(path != null && !path.isBlank(), what, what + " is empty");
            require(!path.startsWith("/") && !Path.of(path).normalize().startsWith(".."), path,
                    what + " '" + path + "' must be relative to the sources folder and stay inside it");
            require(Path.of(path).normalize().toString().equals(path) && !path.contains("\\"), path,
                    what + " '" + path + "' must be written plainly (no ./, //, trailing / or backslashes): "
                            + Path.of(path).normalize());
        }

        private void require(boolean ok, String token, String reason) {
            if (!ok) {
                throw new ProfileException(file, lineOf(token), reason);
            }
        }

        private int lineOf(String token) {
            return ProfileLoader.lineOf(lines, token);
        }
    }

    /** The first line (1-based) of a profile's text that mentions a value outside comments, or 0. */
    public static int lineOf(Path file, String token) {
        try {
            return lineOf(Files.readString(file).split("\n", -1), token);
        } catch (IOException e) {
            return 0;
        }
    }

    static int lineOf(String[] lines, String token) {
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].replaceFirst("\\s+#.*$", "");
            if (!code.trim().startsWith("#") && code.contains(token)) {
                return i + 1;
            }
        }
        return 0;
    }
}
