package org.lifeboat.restore;

import java.util.Collection;
import java.util.List;

/**
 * The schema DDL a package carries and how far it is trusted, which decides whether and how it runs when a restore
 * finds its database empty: a package this server wrote (a backup, or an upload carrying this server's signature)
 * runs as {@link SchemaScript#trusted}; an unsigned upload's runs only when a backup-admin allowed it for that
 * restore, and then only what {@link SchemaScript#uploaded} lets through.
 */
public record PackageSchema(String sql, Trust trust) {

    public enum Trust {
        /** Written by this server. */
        SERVER,
        /** An unsigned upload whose DDL a backup-admin allowed for this restore. */
        UPLOAD_ALLOWED,
        /** An unsigned upload: its DDL never runs. */
        UPLOAD
    }

    public static PackageSchema of(String sql, boolean trusted, boolean allowUploadedSchema) {
        return new PackageSchema(sql, trusted ? Trust.SERVER : allowUploadedSchema ? Trust.UPLOAD_ALLOWED
                : Trust.UPLOAD);
    }

    /** Server-made DDL (or none): what restores did before packages had an origin. */
    public static PackageSchema server(String sql) {
        return new PackageSchema(sql, Trust.SERVER);
    }

    public boolean present() {
        return sql != null;
    }

    /** Whether the statements run as {@link ConfinedSchemaRole} (an unsigned upload a backup-admin allowed). */
    public boolean confined() {
        return trust == Trust.UPLOAD_ALLOWED;
    }

    /**
     * The statements to run into the empty database of {@code source}: those for the source's own role and, for
     * an allowed upload, those for {@link ConfinedSchemaRole}.
     *
     * @throws UploadedSchemaNotAllowedException when the package is an unsigned upload and no admin allowed it
     * @throws SchemaStatementRefusedException   when an allowed upload's script holds a statement that is refused
     */
    public SchemaScript.Confined statements(String source, Collection<String> schemas) {
        return switch (trust) {
            case SERVER -> new SchemaScript.Confined(SchemaScript.trusted(sql), List.of());
            case UPLOAD_ALLOWED -> SchemaScript.uploaded(sql, schemas);
            case UPLOAD -> throw new UploadedSchemaNotAllowedException(source);
        };
    }
}
