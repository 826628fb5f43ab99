package org.lifeboat.backup;

import java.util.Arrays;
import java.util.List;

/**
 * What a backup covers, parsed from its text form: {@code full}, {@code database}, {@code storage},
 * {@code configuration}, {@code department:<id>}, {@code subsystem:<id>} or {@code tables:<t1,t2>}.
 */
public record BackupScope(Kind kind, String argument) {

    public enum Kind { FULL, DATABASE, STORAGE, CONFIGURATION, DEPARTMENT, SUBSYSTEM, TABLES }

    /** A scope is a name and a short list; longer text is refused before it reaches a job parameter. */
    public static final int MAX_LENGTH = 2000;

    /** Reads the text form (also what a backup plan's JSON holds); blank means {@code database}. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static BackupScope parse(String text) {
        if (text == null || text.isBlank()) {
            return new BackupScope(Kind.DATABASE, null);
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidScopeException("the scope is " + text.length() + " characters long (it begins '"
                    + shown(text) + "'); at most " + MAX_LENGTH + " are accepted: back up a department, a subsystem "
                    + "or the database instead of a very long table list");
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
            default -> throw new InvalidScopeException("unknown scope '" + shown(text) + "'; use full, database, storage, "
                    + "configuration, department:<id>, subsystem:<id> or tables:<t1,t2>");
        };
        boolean needsArgument = kind == Kind.DEPARTMENT || kind == Kind.SUBSYSTEM || kind == Kind.TABLES;
        if (needsArgument && (argument == null || argument.isEmpty())) {
            throw new InvalidScopeException("scope '" + head + "' needs a value, e.g. " + head
                    + (kind == Kind.TABLES ? ":users_user,users_role" : ":HR1"));
        }
        if (!needsArgument && argument != null) {
            throw new InvalidScopeException("scope '" + shown(head) + "' takes no value (got '" + shown(text) + "')");
        }
        if (kind == Kind.TABLES && Arrays.stream(argument.split(",")).map(String::trim).allMatch(String::isEmpty)) {
            throw new InvalidScopeException("scope 'tables' names no table (got '" + shown(text)
                    + "'); give table names separated by commas, e.g. tables:users_user,users_role");
        }
        return new BackupScope(kind, argument);
    }

    /** At most 80 characters of user text in a message: a 5 MB scope is not echoed back. */
    private static String shown(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
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

    /** The text form: {@code database}, {@code department:HR}; what job parameters, manifests and plans hold. */
    @com.fasterxml.jackson.annotation.JsonValue
    @Override
    public String toString() {
        return argument == null ? kind.name().toLowerCase() : kind.name().toLowerCase() + ":" + argument;
    }
}
