package org.lifeboat.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The first entry of every package: what it holds and how to check it. Documented field by field in
 * {@code docs/FORMAT.md}; readers must ignore fields they do not know (new ones may be added).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        int formatVersion,
        String source,
        String scope,
        String createdAt,
        String completedAt,
        String lifeboatVersion,
        String postgresVersion,
        String schemaFingerprint,
        Snapshot snapshot,
        Map<String, String> sessionSettings,
        SchemaInfo schema,
        List<TableEntry> tables,
        List<SequenceValue> sequences,
        List<StoredFile> storage,
        List<SkippedFile> storageSkipped,
        List<StoredFile> configuration,
        Secrets secrets,
        List<Entry> entries) {

    public static final int FORMAT_VERSION = 1;
    public static final String ENTRY_NAME = "manifest.json";

    /** The same package as if made from {@code other}: a restore into another source a backup-admin asked for. */
    public Manifest withSource(String other) {
        return new Manifest(formatVersion, other, scope, createdAt, completedAt, lifeboatVersion, postgresVersion,
                schemaFingerprint, snapshot, sessionSettings, schema, tables, sequences, storage, storageSkipped,
                configuration, secrets, entries);
    }

    /** SHA-256 over every table's name, columns with their types, and primary key: equal when shapes are equal. */
    /** Rows per table, {@code schema.name} in the manifest's order, as the catalog lists them. */
    public java.util.Map<String, Long> rowsPerTable() {
        java.util.Map<String, Long> counts = new java.util.LinkedHashMap<>();
        if (tables != null) {
            tables.forEach(t -> counts.put(t.schema() + "." + t.name(), t.rows()));
        }
        return counts;
    }

    /** The rows of all tables. */
    public long totalRows() {
        return tables == null ? 0 : tables.stream().mapToLong(TableEntry::rows).sum();
    }

    public static String fingerprint(List<TableEntry> tables) {
        StringBuilder text = new StringBuilder();
        for (TableEntry t : tables) {
            text.append(t.schema()).append('.').append(t.name()).append('(');
            t.columns().forEach(c -> text.append(c.name()).append(' ').append(c.type()).append(','));
            text.append(")pk").append(t.primaryKey()).append('\n');
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PostgreSQL snapshot(s) the rows were read from; more than one only after a restart. */
    public record Snapshot(List<String> ids, boolean restarted, String note) {}

    /** Whether the package carries the schema DDL, and if not, why. */
    public record SchemaInfo(boolean included, String entry, String tool, String note,
                             List<RelationName> populatedViews, List<String> newInstanceGaps) {

        public SchemaInfo(boolean included, String entry, String tool, String note) {
            this(included, entry, tool, note, null, null);
        }

        /** The same, naming the materialized views that held rows at backup time (refreshed after a restore). */
        public SchemaInfo withPopulatedViews(List<RelationName> views) {
            return new SchemaInfo(included, entry, tool, note, views, newInstanceGaps);
        }

        /**
         * The same, with the sentences saying what the schema SQL needs that it does not carry (types from a
         * schema the profile does not list): a restore into an empty database fails on them.
         */
        public SchemaInfo withNewInstanceGaps(List<String> gaps) {
            return new SchemaInfo(included, entry, tool, note, populatedViews, gaps.isEmpty() ? null : gaps);
        }
    }

    /** A relation by schema and name (as the catalog spells them, unquoted). */
    public record RelationName(String schema, String name) {}

    public record ColumnInfo(String name, String type, String kind, boolean notNull) {}

    public record TableEntry(String schema, String name, String entry, List<ColumnInfo> columns,
                             List<String> primaryKey, long rows, String sha256, long bytes, int partitions) {}

    public record SequenceValue(String schema, String name, long lastValue, boolean isCalled, String ownerTable,
                                String ownerColumn) {}

    /**
     * A file of a storage root ({@code root} set) or a configuration file ({@code root} null): its path relative to
     * the root (or the sources folder), its entry, size and SHA-256; {@code link} is set for a symbolic link kept
     * as a link (always inside its root).
     */
    public record StoredFile(String root, String path, String entry, long bytes, String sha256, String link) {}

    /** A storage path deliberately not backed up, and why (a link leaving its root). */
    public record SkippedFile(String root, String path, String reason) {}

    /** The encrypted part holding the secret files: which files, and how it is encrypted. */
    public record Secrets(String entry, List<String> files, String encryption) {}

    /** Every entry of the package except the manifest itself, with its SHA-256 and size. */
    public record Entry(String name, String sha256, long bytes) {}
}
