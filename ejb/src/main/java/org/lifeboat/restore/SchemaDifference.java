package org.lifeboat.restore;

import org.lifeboat.source.TableRef;

/**
 * One way the package's tables differ from the live schema, as a value: the table, the column (null for a
 * table-level difference), the kind, and what each side has. Turned into a sentence only when shown.
 */
public record SchemaDifference(TableRef table, String column, Kind kind, String packaged, String live) {

    public enum Kind {
        /** The package has the table, the live database does not. */
        TABLE_MISSING,
        /** The package has the column, the live table does not. */
        COLUMN_MISSING,
        /** Both have the column, with other types. */
        TYPE_DIFFERS,
        /** The live column is NOT NULL without a default and the package does not carry it. */
        REQUIRED_COLUMN_NOT_IN_PACKAGE,
        /** Both have the table, with other primary keys. */
        PRIMARY_KEY_DIFFERS
    }

    /** The sentence a report, an error or the audit log shows. */
    public String sentence() {
        return switch (kind) {
            case TABLE_MISSING -> "table " + table + " is in the package but not in the live database";
            case COLUMN_MISSING -> "column " + table + "." + column + " (" + packaged
                    + ") is in the package but not in the live table";
            case TYPE_DIFFERS -> "column " + table + "." + column + " is " + packaged + " in the package but " + live
                    + " in the live table";
            case REQUIRED_COLUMN_NOT_IN_PACKAGE -> "column " + table + "." + column + " is NOT NULL in the live table "
                    + "but has no default and is missing from the package";
            case PRIMARY_KEY_DIFFERS -> "table " + table + " has primary key " + live + " but the package's is "
                    + packaged;
        };
    }

    @Override
    public String toString() {
        return sentence();
    }
}
