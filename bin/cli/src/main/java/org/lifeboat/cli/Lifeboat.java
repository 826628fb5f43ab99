package org.lifeboat.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bin/lifeboat}: the command line of Lifeboat. Holds the options every command shares (server, user,
 * output format) and runs the subcommands with exit codes a script can trust.
 */
@Command(name = "lifeboat", mixinStandardHelpOptions = true, versionProvider = Lifeboat.Version.class,
        description = {"Back up, list, download, verify and restore the PostgreSQL sources of a",
                "Lifeboat server, and watch its jobs. Every command calls the REST API",
                "(<url>/api) with HTTP Basic.%n"},
        subcommands = {BackupCommand.class, ListCommand.class, DownloadCommand.class, VerifyCommand.class,
                RestoreCommand.class, JobsCommand.class, WatchCommand.class, RestartCommand.class, StopCommand.class, AbandonCommand.class,
                ExportCommand.class, ImportCommand.class, RepositoryCommands.Copy.class,
                RepositoryCommands.Rescan.class, RepositoryCommands.Fetch.class, RepositoryCommands.Rewrap.class, StatusCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:usage error (unknown command, bad or missing option or argument)",
                "2:refused: HTTP 401/403, or a clean restore that was not confirmed",
                "3:invalid package: HTTP 413/422, verify found problems, a dry run found problems",
                "4:the job FAILED (its error sentence is printed)",
                "5:the job was STOPPED or ABANDONED",
                "6:server unreachable, or any other HTTP or I/O error (printed as 'error: detail')",
                "7:status: a source is at risk or unprotected"},
        footerHeading = "%nSettings:%n",
        footer = {"  url, user and password each come from the flag, else the environment",
                "  (LIFEBOAT_URL, LIFEBOAT_USER, LIFEBOAT_PASSWORD), else the config file,",
                "  else the default.",
                "%nDisaster recovery from a package file:",
                "  lifeboat restore PKG --type full --with-reinit --confirm --skip-interactive"})
public class Lifeboat implements Callable<Integer> {

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "server base URL (env LIFEBOAT_URL; default " + ConnectionSettings.DEFAULT_URL + ")")
    String url;

    @Option(names = "--user", scope = ScopeType.INHERIT, paramLabel = "USER",
            description = "user name (env LIFEBOAT_USER)")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "password (env LIFEBOAT_PASSWORD; asked on the terminal when a user has none)")
    String password;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "properties file with url, user, password keys (default ~/.config/lifeboat/cli.properties)")
    Path config;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "print the server's JSON instead of tables (for scripts)")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private LifeboatApi api;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and answers its exit code (no System.exit, so tests can call it). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs with help, usage errors and failures written to the given writers (for tests). */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Lifeboat());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli's own exit code for this is 2, which here means "refused"; and one line beats the whole help
        cl.setParameterExceptionHandler((ex, args) -> {
            java.io.PrintWriter err = ex.getCommandLine().getErr();
            err.println("lifeboat: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler(new FailureReporter());
        return cl;
    }

    /** Without a command: the usage, and the exit code of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    ConnectionSettings settings() {
        Path file = config != null ? config : ConnectionSettings.defaultConfigFile();
        ConnectionSettings s = ConnectionSettings.resolve(new ConnectionSettings.Flags(url, user, password),
                System.getenv(), ConnectionSettings.readConfig(file, config != null));
        Console console = System.console();
        if (s.user() != null && s.password() == null && console != null) {
            char[] typed = console.readPassword("Password for %s at %s: ", s.user(), s.url());
            s = new ConnectionSettings(s.url(), s.user(), typed == null ? null : new String(typed));
        }
        return s;
    }

    LifeboatApi api() {
        if (api == null) {
            api = new LifeboatApi(settings());
        }
        return api;
    }

    /** The version of the jar, from its manifest. */
    static class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Lifeboat.class.getPackage().getImplementationVersion();
            return new String[] {"lifeboat " + (v == null ? "(development build)" : v)};
        }
    }
}
