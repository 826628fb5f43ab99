package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lifeboat restore PACKAGE_OR_ID}: restores a catalogued package, or a package file uploaded first. A clean
 * restore (reinitialise, then restore) is guarded twice: {@code --confirm}, then the typed "RESTORE CLEAN" unless
 * {@code --skip-interactive}; the server checks the role and the confirmation again.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a stored package (by id) or a package file (uploaded first).",
                "  merge    upsert by primary key (the default)",
                "  replace  the package's tables end up exactly as packaged",
                "  clean    reinitialise the source to its baseline, then restore",
                "           (disaster recovery; backup-admin only; needs --confirm and",
                "           typing RESTORE CLEAN, or --confirm --skip-interactive)",
                "Disaster recovery from a file:",
                "  lifeboat restore PKG --type full --with-reinit --confirm --skip-interactive",
                ""})
class RestoreCommand extends ApiCommand {

    enum Mode { MERGE, REPLACE, CLEAN }

    /** What of the package to bring back besides the database. */
    enum Type { FULL, DATABASE }

    @Parameters(paramLabel = "PACKAGE_OR_ID", description = "package id (digits, see: lifeboat list) or package file")
    String packageOrId;

    @Option(names = "--mode", paramLabel = "MODE", description = "merge (default), replace or clean")
    Mode mode;

    @Option(names = "--source", paramLabel = "SOURCE", description = "target source (default: the package's)")
    String source;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "full: also storage files and configuration; database: the database only "
                    + "(default: database and storage files)")
    Type type;

    @Option(names = "--with-reinit", description = "reinitialise the source first: the same as --mode clean")
    boolean withReinit;

    @Option(names = "--confirm", description = "required for a clean restore")
    boolean confirm;

    @Option(names = "--skip-interactive", description = "with --confirm: do not ask to type RESTORE CLEAN")
    boolean skipInteractive;

    @Option(names = "--dry-run", description = "compare the package with the live source and report; change nothing")
    boolean dryRun;

    @Option(names = "--wait", description = "watch the restore job until it ends; the exit code is the job's")
    boolean await;

    @Override
    public Integer call() throws Exception {
        Mode m = mode();
        Long backupId = null;
        Path file = null;
        if (packageOrId.matches("\\d{1,18}")) {
            backupId = Long.parseLong(packageOrId);
        } else {
            file = Path.of(packageOrId);
            if (!Files.isRegularFile(file)) {
                throw usage("no package file '" + packageOrId + "': give a package id (lifeboat list) or the path "
                        + "of a package file");
            }
        }
        if (m == Mode.CLEAN && !dryRun) {
            guard(backupId, file);
        }
        if (file != null) {
            backupId = api().upload("backups/upload", file).json().path("id").asLong();
            err.println("uploaded " + file + " as package " + backupId);
        }
        LifeboatApi.Reply reply = api().post("restores", request(backupId, m));
        if (dryRun) {
            return dryRunReport(reply, backupId, m);
        }
        long executionId = reply.json().path("executionId").asLong();
        String what = m.name().toLowerCase(Locale.ROOT) + " restore of package " + backupId;
        if (await) {
            if (!json()) {
                out.println(what + " started: execution " + executionId);
            }
            return watch(executionId);
        }
        if (json()) {
            out.println(reply.body());
        } else {
            out.println(executionId);
            err.println(what + " started; follow it with: lifeboat watch " + executionId);
        }
        return ExitCodes.OK;
    }

    private Mode mode() {
        if (withReinit) {
            if (mode != null && mode != Mode.CLEAN) {
                throw usage("--with-reinit is a clean restore; it cannot be combined with --mode "
                        + mode.name().toLowerCase(Locale.ROOT));
            }
            return Mode.CLEAN;
        }
        return mode == null ? Mode.MERGE : mode;
    }

    /** Refuses, before anything is sent, a clean restore without --confirm or without the typed phrase. */
    private void guard(Long backupId, Path file) throws IOException {
        if (!confirm) {
            throw new RefusedException("a clean restore empties the source and rebuilds it from the package; add "
                    + "--confirm (and --skip-interactive to skip typing " + CleanRestoreConfirmation.PHRASE
                    + "). Nothing was changed.");
        }
        if (skipInteractive) {
            return;
        }
        String target = source;
        if (target == null) {
            target = backupId != null ? api().get("backups/" + backupId).json().path("source").asText(null)
                    : LocalPackage.source(file);
        }
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset()));
        boolean confirmed = CleanRestoreConfirmation.ask(target, stdin, err);
        if (System.console() == null) {
            err.println(); // a piped answer is not echoed: end the prompt's line
        }
        if (!confirmed) {
            throw new RefusedException("you did not type " + CleanRestoreConfirmation.PHRASE + "; nothing was changed");
        }
    }

    private Map<String, Object> request(long backupId, Mode m) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backupId", backupId);
        if (source != null) {
            body.put("source", source);
        }
        body.put("mode", m.name().toLowerCase(Locale.ROOT));
        if (m == Mode.CLEAN && !dryRun) {
            body.put("confirm", CleanRestoreConfirmation.PHRASE);
        }
        body.put("dryRun", dryRun);
        if (type != null) {
            body.put("restoreStorage", type == Type.FULL);
            body.put("restoreConfiguration", type == Type.FULL);
        }
        return body;
    }

    private int dryRunReport(LifeboatApi.Reply reply, long backupId, Mode m) {
        JsonNode report = reply.json();
        boolean ok = report.path("ok").asBoolean(false);
        if (json()) {
            out.println(reply.body());
        } else {
            out.println("dry run of a " + m.name().toLowerCase(Locale.ROOT) + " restore of package " + backupId
                    + " into " + report.path("source").asText() + ": nothing was changed");
            RestoreReportText.print(report, out);
            out.println(ok ? "the package fits: a restore would succeed"
                    : "the package does not fit: " + report.path("problems").size() + " problem(s)");
        }
        return ok ? ExitCodes.OK : ExitCodes.INVALID_PACKAGE;
    }
}
