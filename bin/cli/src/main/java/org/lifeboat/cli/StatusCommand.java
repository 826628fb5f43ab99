package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/**
 * {@code lifeboat status}: per source, protected / at risk / unprotected and why; exit code 7 when any source is
 * not protected, so that cron or a monitoring check can act on it.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show whether each source is protected (a good backup within its recovery-point objective, "
                + "copied off-site); exit code 7 when any source is at risk or unprotected.")
class StatusCommand extends ApiCommand {

    @Override
    public Integer call() {
        JsonNode status = api().get("status").json();
        if (json()) {
            out.println(status.toString());
        } else {
            TextTable table = new TextTable("SOURCE", "VERDICT", "LAST GOOD BACKUP", "AGE>", "RPO>", "OFF-SITE",
                    "REASON");
            for (JsonNode s : status.path("sources")) {
                table.row(s.path("source").asText(), s.path("verdict").asText(),
                        s.hasNonNull("lastGoodBackupId") ? "package " + s.path("lastGoodBackupId").asLong() + " ("
                                + s.path("lastGoodScope").asText() + ")" : "none",
                        s.hasNonNull("ageSeconds") ? age(s.path("ageSeconds").asLong()) : "-",
                        age(s.path("rpoSeconds").asLong()),
                        s.path("offsiteCopies").isEmpty() ? "-" : join(s.path("offsiteCopies")),
                        s.path("reason").asText());
            }
            out.print(table.render());
        }
        return "PROTECTED".equals(status.path("verdict").asText()) ? ExitCodes.OK : ExitCodes.AT_RISK;
    }

    static String age(long seconds) {
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        if (seconds < 172800) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    private static String join(JsonNode names) {
        StringBuilder s = new StringBuilder();
        names.forEach(n -> s.append(s.isEmpty() ? "" : ",").append(n.asText()));
        return s.toString();
    }
}
