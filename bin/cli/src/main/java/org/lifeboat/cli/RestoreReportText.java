package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A restore report (a dry run's answer, or a restore job's result) as text: rows, inserted, updated and deleted
 * per table, the profile's counters ({@code users_restored}...), then the problems and notes.
 */
final class RestoreReportText {

    /** Fields of the report that are not counters. */
    private static final Set<String> NOT_COUNTERS = Set.of("ok", "counts", "tables", "problems", "notes", "dryRun",
            "backupId", "restoreId", "source", "mode");

    private RestoreReportText() {}

    static void print(JsonNode report, PrintStream out) {
        TextTable table = new TextTable("TABLE", "ROWS>", "INSERTED>", "UPDATED>", "DELETED>");
        for (JsonNode t : report.path("tables")) {
            table.row(t.path("table").asText(), t.path("rows").asLong(), t.path("inserted").asLong(),
                    t.path("updated").asLong(), t.path("deleted").asLong());
        }
        if (!table.isEmpty()) {
            out.print(table.render());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = report.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!NOT_COUNTERS.contains(field.getKey()) && field.getValue().isNumber()) {
                out.println(field.getKey() + ": " + field.getValue().asLong());
            }
        }
        list("problem", report.path("problems"), out);
        list("note", report.path("notes"), out);
    }

    private static void list(String kind, JsonNode items, PrintStream out) {
        for (JsonNode item : items) {
            out.println(kind + ": " + item.asText());
        }
    }
}
