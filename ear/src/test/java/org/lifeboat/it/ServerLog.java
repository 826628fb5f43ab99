package org.lifeboat.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The suite's server.log: user errors must not leave ERROR lines an operator would be alerted by. */
final class ServerLog {

    private ServerLog() {}

    /** How many lines of the suite server's log hold {@code text}. */
    static long count(String text) throws IOException {
        Path log = Path.of(System.getProperty("it.base.dir"), "log", "server.log");
        if (!Files.exists(log)) {
            throw new AssertionError("the suite server's log is not at " + log);
        }
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }
}
