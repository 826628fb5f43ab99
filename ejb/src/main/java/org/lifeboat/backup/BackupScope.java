package org.lifeboat.backup;

import java.util.Arrays;
import java.util.List;

/**
 * What a backup covers, parsed from its text form: {@code full}, {@code database}, {@code storage},
 * {@code configuration}, {@code department:<id>}, {@code subsystem:<id>} or {@code tables:<t1,t2>}.
 */
public record BackupScope(Kind kind, String argument) {

    public enum Kind { FULL, DATABASE, STORAGE, CONFIGURATION, DEPARTMENT, SUBSYSTEM, TABLES }

    public static BackupScope parse(String text) {
        if (text == null || text.isBlank()) {
            return new BackupScope(Kind.DATABASE, null);
        }
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String head = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1).trim();
        Kind kind = switch (head) {
            case "full" -> Kind.FULL;
            case "database" -> Kind.DATABASE;
            case "storage" -> Kind.STORAGE;
            case "configuration" -> Kind.CONFIGURATION;
            case "department" -> Kind.DEPARTMENT;
            case "subsystem" -> Kind.SUBSYSTEM;
            case "tables" -> Kind.TABLES;
            default -> throw new InvalidScopeException("unknown scope '" + text + "'; use full, database, storage, "
                    + "configuration, department:<id>, subsystem:<id> or tables:<t1,t2>");
        };
        boolean needsArgument = kind == Kind.DEPARTMENT || kind == Kind.SUBSYSTEM || kind == Kind.TABLES;
        if (needsArgument && (argument == null || argument.isEmpty())) {
            throw new InvalidScopeException("scope '" + head + "' needs a value, e.g. " + head
                    + (kind == Kind.TABLES ? ":users_user,users_role" : ":HR1"));
        }
        if (!needsArgument && argument != null) {
            throw new InvalidScopeException("scope '" + head + "' takes no value (got '" + text + "')");
        }
        return new BackupScope(kind, argument);
    }

    public boolean includesDatabase() {
        return kind != Kind.STORAGE && kind != Kind.CONFIGURATION;
    }

    public boolean includesStorage() {
        return kind == Kind.FULL || kind == Kind.STORAGE;
    }

    public boolean includesConfiguration() {
        return kind == Kind.FULL || kind == Kind.CONFIGURATION;
    }

    /** Whether the package carries the schema DDL (whole-database scopes only). */
    public boolean includesSchema() {
        return kind == Kind.FULL || kind == Kind.DATABASE;
    }

    public List<String> tableNames() {
        return kind == Kind.TABLES
                ? Arrays.stream(argument.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()
                : List.of();
    }

    /** A form safe for file names: {@code full}, {@code department-HR}, {@code tables}. */
    public String label() {
        return switch (kind) {
            case DEPARTMENT, SUBSYSTEM -> kind.name().toLowerCase() + "-" + argument.replaceAll("[^A-Za-z0-9_-]", "_");
            default -> kind.name().toLowerCase();
        };
    }

    @Override
    public String toString() {
        return argument == null ? kind.name().toLowerCase() : kind.name().toLowerCase() + ":" + argument;
    }
}
