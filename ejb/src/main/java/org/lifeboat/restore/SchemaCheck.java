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
 * restore, each as a {@link SchemaDifference} naming the table and column: missing tables and columns, different
 * types, live NOT NULL columns without default that the package cannot fill, other primary keys.
 */
public final class SchemaCheck {

    private SchemaCheck() {}

    public static List<SchemaDifference> differences(Manifest manifest, SchemaCatalog live) {
        List<SchemaDifference> problems = new ArrayList<>();
        for (Manifest.TableEntry entry : manifest.tables()) {
            TableRef ref = new TableRef(entry.schema(), entry.name());
            Table table = live.table(ref).orElse(null);
            if (table == null) {
                problems.add(new SchemaDifference(ref, null, SchemaDifference.Kind.TABLE_MISSING, null, null));
                continue;
            }
            for (Manifest.ColumnInfo col : entry.columns()) {
                Column liveColumn = table.column(col.name()).orElse(null);
                if (liveColumn == null) {
                    problems.add(new SchemaDifference(ref, col.name(), SchemaDifference.Kind.COLUMN_MISSING, col.type(),
                            null));
                } else if (!sameType(col.type(), liveColumn.type())) {
                    problems.add(new SchemaDifference(ref, col.name(), SchemaDifference.Kind.TYPE_DIFFERS, col.type(),
                            liveColumn.type()));
                }
            }
            for (Column liveColumn : table.columns()) {
                boolean inPackage = entry.columns().stream().anyMatch(c -> c.name().equals(liveColumn.name()));
                if (!inPackage && liveColumn.notNull() && !liveColumn.generated() && !liveColumn.hasDefault()) {
                    problems.add(new SchemaDifference(ref, liveColumn.name(),
                            SchemaDifference.Kind.REQUIRED_COLUMN_NOT_IN_PACKAGE, null, liveColumn.type()));
                }
            }
            if (!table.primaryKey().isEmpty() && !entry.primaryKey().isEmpty()
                    && !table.primaryKey().equals(entry.primaryKey())) {
                problems.add(new SchemaDifference(ref, null, SchemaDifference.Kind.PRIMARY_KEY_DIFFERS,
                        entry.primaryKey().toString(), table.primaryKey().toString()));
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
