package org.lifeboat.restore;

import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.source.Column;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;

/**
 * Compares the package's tables and columns with the live schema and lists every difference that would stop a
 * restore, each as a sentence naming the table and column: missing tables and columns, different types, and
 * live NOT NULL columns without default that the package cannot fill.
 */
public final class SchemaCheck {

    private SchemaCheck() {}

    public static List<String> differences(Manifest manifest, SchemaCatalog live) {
        List<String> problems = new ArrayList<>();
        for (Manifest.TableEntry entry : manifest.tables()) {
            TableRef ref = new TableRef(entry.schema(), entry.name());
            Table table = live.table(ref).orElse(null);
            if (table == null) {
                problems.add("table " + ref + " is in the package but not in the live database");
                continue;
            }
            for (Manifest.ColumnInfo col : entry.columns()) {
                Column liveColumn = table.column(col.name()).orElse(null);
                if (liveColumn == null) {
                    problems.add("column " + ref + "." + col.name() + " (" + col.type()
                            + ") is in the package but not in the live table");
                } else if (!sameType(col.type(), liveColumn.type())) {
                    problems.add("column " + ref + "." + col.name() + " is " + col.type() + " in the package but "
                            + liveColumn.type() + " in the live table");
                }
            }
            for (Column liveColumn : table.columns()) {
                boolean inPackage = entry.columns().stream().anyMatch(c -> c.name().equals(liveColumn.name()));
                if (!inPackage && liveColumn.notNull() && !liveColumn.generated() && !liveColumn.hasDefault()) {
                    problems.add("column " + ref + "." + liveColumn.name() + " is NOT NULL in the live table but "
                            + "has no default and is missing from the package");
                }
            }
            if (!table.primaryKey().isEmpty() && !entry.primaryKey().isEmpty()
                    && !table.primaryKey().equals(entry.primaryKey())) {
                problems.add("table " + ref + " has primary key " + table.primaryKey() + " but the package's is "
                        + entry.primaryKey());
            }
        }
        return problems;
    }

    /** Types compare as printed, ignoring a schema qualification that one side has and the other lacks. */
    static boolean sameType(String packaged, String live) {
        return unqualified(packaged).equals(unqualified(live));
    }

    private static String unqualified(String type) {
        return type.replaceFirst("^(public|pg_catalog)\\.", "");
    }
}
