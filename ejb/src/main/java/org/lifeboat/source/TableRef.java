package org.lifeboat.source;

import java.util.Comparator;

/** A schema-qualified table name; {@link #quoted()} is the only form that goes into SQL. */
public record TableRef(String schema, String name) implements Comparable<TableRef> {

    private static final Comparator<TableRef> ORDER =
            Comparator.comparing(TableRef::schema).thenComparing(TableRef::name);

    /** Parses {@code table} or {@code schema.table}; an unqualified name takes the given default schema. */
    public static TableRef parse(String text, String defaultSchema) {
        int dot = text.indexOf('.');
        return dot < 0 ? new TableRef(defaultSchema, text) : new TableRef(text.substring(0, dot), text.substring(dot + 1));
    }

    public String quoted() {
        return quote(schema) + "." + quote(name);
    }

    /** PostgreSQL identifier quoting: always quoted, embedded quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** True when a profile's table name ({@code t} or {@code s.t}) designates this table. */
    public boolean isNamed(String profileName) {
        return profileName.contains(".") ? toString().equals(profileName) : name.equals(profileName);
    }

    @Override
    public int compareTo(TableRef other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
