package org.lifeboat.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A WildFly process of the test's own (the provisioned server, its own base dir, port offset 300), for tests that
 * must kill the server with SIGKILL and start it again, which the Arquillian container cannot do.
 */
final class OwnServer implements AutoCloseable {

    static final int PORT = 8380;

    private final Path home = Path.of(System.getProperty("jboss.home"));
    private final Path base;
    private Process process;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private final List<String> systemProperties = new java.util.ArrayList<>();

    OwnServer(String name) throws IOException {
        base = Path.of(System.getProperty("it.base.dir")).resolveSibling(name);
        if (Files.exists(base)) {
            try (Stream<Path> old = Files.walk(base)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.createDirectories(base.resolve("deployments"));
        Files.copy(Path.of(System.getProperty("ear.path")), base.resolve("deployments/lifeboat.ear"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    URI lifeboat() {
        return URI.create("http://127.0.0.1:" + PORT + "/lifeboat/");
    }

    Path log() {
        return base.resolve("log/server.log");
    }

    /** An environment variable of the server process, over the test's own (e.g. another LIFEBOAT_DB_SUFFIX). */
    OwnServer env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A system property of the server JVM. */
    OwnServer property(String name, String value) {
        systemProperties.add("-D" + name + "=" + value);
        return this;
    }

    Path base() {
        return base;
    }

    /** Starts the server and waits until Lifeboat answers. */
    void start() throws Exception {
        launch();
        LifeboatClient api = LifeboatClient.admin(lifeboat());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (api.get("api/sources").status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited; see " + base.resolve("console.log"));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not answer within 2 minutes; see " + log());
    }

    /** Starts the server process and returns at once (for a deployment that is expected to fail). */
    void launch() throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=300", "-b", "127.0.0.1"));
        command.addAll(systemProperties);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** SIGKILL to the JVM (and the launcher script): no shutdown hook, no graceful stop of the jobs. */
    void kill() throws InterruptedException {
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            h.onExit().join();
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            // the JVM, not only standalone.sh, must be gone: a server still shutting down answers the next test's
            // server's port with 503 (seen once in CrashRecoveryIT)
            List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
            all.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : all) {
                try {
                    h.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException stuck) {
                    h.destroyForcibly();
                    h.onExit().join();
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
