package org.lifeboat.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs jboss-cli.sh of the provisioned server against the suite's server (management port 10190). */
final class JbossCli {

    static final String BATCH = "/deployment=lifeboat.ear/subdeployment=lifeboat-batch-jobs.jar/subsystem=batch-jberet";

    private JbossCli() {}

    static String run(String command) throws IOException, InterruptedException {
        Path cli = Path.of(System.getProperty("jboss.home"), "bin", "jboss-cli.sh");
        Process p = new ProcessBuilder(cli.toString(), "--controller=remote+http://127.0.0.1:10190", "--connect",
                "--command=" + command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("jboss-cli failed (" + command + "):\n" + out);
        }
        return out;
    }
}
