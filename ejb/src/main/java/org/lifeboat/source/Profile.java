package org.lifeboat.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One source as its profile YAML describes it: where its database is, which tables belong to it, how rows are
 * matched in clean restores, its departments and subsystems, storage roots, configuration and secret files.
 */
public record Profile(
        String source,
        String description,
        String datasource,
        List<String> schemas,
        List<String> include,
        List<String> exclude,
        Map<String, List<String>> naturalKeys,
        Map<String, List<String>> regenerate,
        List<String> sharedTables,
        List<Department> departments,
        List<StorageRoot> storage,
        List<String> configuration,
        List<String> secrets,
        String baseline,
        Map<String, String> restoreCounters,
        String rpo,
        @com.fasterxml.jackson.annotation.JsonIgnore Path file) {

    /** The recovery-point objective when a profile names none: a good backup at least once a day. */
    public static final java.time.Duration DEFAULT_RPO = java.time.Duration.ofHours(24);

    /**
     * How old the newest good backup may be ({@code rpo: 24h}; {@code 90m}, {@code 7d}, or ISO-8601 {@code PT6H});
     * {@link #DEFAULT_RPO} when the profile names none.
     */
    public java.time.Duration recoveryPointObjective() {
        return rpo == null ? DEFAULT_RPO : parseDuration(rpo);
    }

    /** {@code 45s}, {@code 90m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT6H}). */
    public static java.time.Duration parseDuration(String text) {
        String t = text.strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,6})([smhd])").matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> java.time.Duration.ofSeconds(n);
                case "m" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofDays(n);
            };
        }
        java.time.Duration d = java.time.Duration.parse(t); // DateTimeParseException when it is neither
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("a duration must be positive: " + text);
        }
        return d;
    }

    public record Department(String id, String name, List<Subsystem> subsystems) {}

    public record Subsystem(String id, String name, List<String> tables) {}

    public record StorageRoot(String name, String path) {}

    public Profile {
        schemas = schemas == null || schemas.isEmpty() ? List.of("public") : List.copyOf(schemas);
        include = include == null || include.isEmpty() ? List.of("*") : List.copyOf(include);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        naturalKeys = naturalKeys == null ? Map.of() : Map.copyOf(naturalKeys);
        regenerate = regenerate == null ? Map.of() : Map.copyOf(regenerate);
        sharedTables = sharedTables == null ? List.of() : List.copyOf(sharedTables);
        departments = departments == null ? List.of() : List.copyOf(departments);
        storage = storage == null ? List.of() : List.copyOf(storage);
        configuration = configuration == null ? List.of() : List.copyOf(configuration);
        secrets = secrets == null ? List.of() : List.copyOf(secrets);
        restoreCounters = restoreCounters == null ? Map.of() : Map.copyOf(restoreCounters);
    }

    Profile withFile(Path path) {
        return new Profile(source, description, datasource, schemas, include, exclude, naturalKeys, regenerate,
                sharedTables, departments, storage, configuration, secrets, baseline, restoreCounters, rpo, path);
    }

    public Optional<Department> department(String id) {
        return departments.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Optional<Subsystem> subsystem(String id) {
        return departments.stream().flatMap(d -> d.subsystems().stream()).filter(s -> s.id().equals(id)).findFirst();
    }

    /** The department a subsystem belongs to. */
    public Optional<Department> departmentOf(String subsystemId) {
        return departments.stream()
                .filter(d -> d.subsystems().stream().anyMatch(s -> s.id().equals(subsystemId)))
                .findFirst();
    }
}
