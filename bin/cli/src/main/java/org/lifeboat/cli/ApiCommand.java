package org.lifeboat.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** What every subcommand shares: the server connection, the {@code --json} switch, and job watching. */
abstract class ApiCommand implements Callable<Integer> {

    @ParentCommand
    Lifeboat lifeboat;

    @Spec
    CommandSpec spec;

    final PrintStream out = System.out;
    final PrintStream err = System.err;

    LifeboatApi api() {
        return lifeboat.api();
    }

    boolean json() {
        return lifeboat.json;
    }

    /** Follows an execution to its end; the exit code is the job's. */
    int watch(long executionId) throws InterruptedException {
        return new JobWatcher(api(), out, err, json(), !json() && JobWatcher.onTerminal()).watch(executionId);
    }

    /** Says where a download went: its path and size, or {"file", "bytes"} with --json. */
    void saved(PackageDownload.Saved saved) throws java.io.IOException {
        if (json()) {
            out.println(LifeboatApi.JSON.writeValueAsString(
                    java.util.Map.of("file", saved.file().toAbsolutePath().toString(), "bytes", saved.bytes())));
        } else {
            out.println(saved.file() + " (" + ListCommand.size(saved.bytes()) + ")");
        }
    }

    /** A usage error found after parsing (exit code 1, with the usage shown). */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
