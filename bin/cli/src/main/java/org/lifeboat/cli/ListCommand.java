package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lifeboat list}: the stored packages (GET /backups), newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored backup packages.")
class ListCommand extends ApiCommand {

    @Option(names = "--source", paramLabel = "SOURCE", description = "only the packages of this source")
    String source;

    @Override
    public Integer call() {
        String query = source == null ? "" : "?source=" + LifeboatApi.encode(source);
        LifeboatApi.Reply reply = api().get("backups" + query);
        if (json()) {
            out.println(reply.body());
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("ID>", "SOURCE", "SCOPE", "CREATED", "SIZE>", "ROWS>", "COPIES");
        for (JsonNode p : reply.json()) {
            table.row(p.path("id").asLong(), p.path("source").asText(), p.path("scope").asText(),
                    shortTime(p.path("createdAt").asText()), size(p.path("sizeBytes").asLong()),
                    p.path("totalRows").asLong(), copies(p.path("copies")));
        }
        out.print(table.render());
        return ExitCodes.OK;
    }

    /** {@code offsite:verified other:failed}; {@code -} when the package has no copies. */
    static String copies(JsonNode copies) {
        StringBuilder line = new StringBuilder();
        for (JsonNode c : copies) {
            line.append(line.length() == 0 ? "" : " ").append(c.path("repository").asText()).append(':')
                    .append(c.path("state").asText().toLowerCase(Locale.ROOT));
        }
        return line.length() == 0 ? "-" : line.toString();
    }

    /** 2026-11-22T00:42:16.758727Z → 2026-11-22 00:42:16Z */
    static String shortTime(String iso) {
        if (iso == null || iso.length() < 19) {
            return iso;
        }
        return iso.substring(0, 10) + " " + iso.substring(11, 19) + (iso.endsWith("Z") ? "Z" : "");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
