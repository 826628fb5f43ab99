package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Docker packaging (docker/) checked by reading it: Docker cannot run on the build machines. A plain JUnit test
 * without a deployment (it starts no server); it runs with the end-to-end suite because it needs what {@code mvn
 * package} leaves behind: the provisioned server and the EAR that the Dockerfile copies.
 */
class DockerFilesIT {

    private static final String VOLUME_BACKUPS = "LIFEBOAT_BACKUP_DIR";
    private static final String VOLUME_WORK = "LIFEBOAT_WORK_DIR";
    private static final String VOLUME_SOURCES = "LIFEBOAT_SOURCES_DIR";
    /** Process-level variables that no script of ours reads but the OS or libpq do. */
    private static final Set<String> SYSTEM_ENV = Set.of("PATH", "LC_ALL", "LANG", "TZ");
    private static final Set<String> LIBPQ_ENV = Set.of("PGPASSWORD", "PGHOST", "PGPORT", "PGUSER", "PGDATABASE");
    /** The variables the postgres image's entrypoint reads (its documentation). */
    private static final Set<String> POSTGRES_IMAGE_ENV = Set.of("POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB",
            "POSTGRES_INITDB_ARGS", "POSTGRES_INITDB_WALDIR", "POSTGRES_HOST_AUTH_METHOD", "PGDATA");

    static Path root;
    static Path docker;
    static Path server;
    static List<Instruction> dockerfile;
    static Map<String, String> dockerfileEnv;
    static Set<String> dockerfileArgs;
    static JsonNode compose;
    static Set<String> cliEnv;

    record Instruction(int line, String keyword, String args) {
    }

    record Copy(Instruction at, List<String> flags, List<String> sources, String destination) {
    }

    record Mount(String source, String target, boolean named) {
    }

    @BeforeAll
    static void read() throws IOException {
        root = repositoryRoot();
        docker = root.resolve("docker");
        String wildfly = property(Files.readString(root.resolve("pom.xml")), "version.wildfly");
        server = root.resolve("wildfly-config/target/wildfly-" + wildfly);
        assertTrue(Files.isRegularFile(server.resolve("jboss-modules.jar")),
                "the provisioned server is missing (run mvn package first): " + server);
        dockerfile = parseDockerfile(Files.readString(docker.resolve("Dockerfile")));
        dockerfileArgs = new LinkedHashSet<>();
        dockerfileEnv = new LinkedHashMap<>();
        for (Instruction i : dockerfile) {
            if (i.keyword().equals("ARG")) {
                dockerfileArgs.add(i.args().split("=", 2)[0].trim());
            } else if (i.keyword().equals("ENV")) {
                dockerfileEnv.putAll(parseEnv(i));
            }
        }
        compose = new YAMLMapper().readTree(docker.resolve("compose.yaml").toFile());
        assertNotNull(compose, "compose.yaml is empty");
        cliEnv = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{env\\.([A-Za-z0-9_]+)")
                .matcher(Files.readString(root.resolve("wildfly-config/cli/lifeboat.cli")));
        while (m.find()) {
            cliEnv.add(m.group(1));
        }
        assertFalse(cliEnv.isEmpty(), "lifeboat.cli reads no ${env.*}");
    }

    // ------------------------------------------------------------------------------------------------ Dockerfile

    @Test
    void the_image_builds_from_a_temurin_jre_and_starts_wildfly_bound_to_all_interfaces() {
        List<Instruction> froms = all("FROM");
        assertEquals(1, froms.size(), "one stage: the image copies what mvn install built");
        String image = substituteArgs(froms.get(0).args().split("\\s+")[0]);
        assertTrue(image.matches("eclipse-temurin:(17|21)-jre(-[a-z]+)?"), "base image: " + image);

        String entrypoint = last("ENTRYPOINT").args();
        assertTrue(entrypoint.contains("/opt/lifeboat/server/bin/standalone.sh"), entrypoint);
        assertTrue(entrypoint.matches(".*\"-b\",\\s*\"0\\.0\\.0\\.0\".*"), "binds the public interface: " + entrypoint);
        assertTrue(entrypoint.matches(".*\"-bmanagement\",\\s*\"0\\.0\\.0\\.0\".*"),
                "binds the management interface: " + entrypoint);
        assertEquals("/opt/lifeboat/server", dockerfileEnv.get("JBOSS_HOME"));
    }

    @Test
    void every_copied_path_exists_after_the_build_and_is_sent_in_the_build_context() throws IOException {
        List<Copy> copies = copies();
        assertFalse(copies.isEmpty(), "no COPY in the Dockerfile");
        List<String> ignore = Files.readAllLines(docker.resolve("Dockerfile.dockerignore"));
        for (Copy copy : copies) {
            assertTrue(copy.flags().stream().noneMatch(f -> f.startsWith("--from")), "no other stage: " + copy);
            for (String source : copy.sources()) {
                Path path = root.resolve(source);
                assertTrue(Files.exists(path), "line " + copy.at().line() + ": COPY source " + source
                        + " does not exist relative to the repository root (" + root + ")");
                assertFalse(ignored(ignore, source), "COPY source " + source + " is left out of the build context "
                        + "by docker/Dockerfile.dockerignore");
            }
        }
        // the server: what it needs is sent, what the offline configuration run left behind is not
        String serverDir = root.relativize(server).toString();
        for (String file : List.of("jboss-modules.jar", "bin/standalone.sh", "bin/standalone.conf",
                "standalone/configuration/standalone.xml", "modules/org/postgresql/main/module.xml",
                "modules/org/postgresql/main/postgresql.jar")) {
            assertTrue(Files.isRegularFile(server.resolve(file)), "missing in the provisioned server: " + file);
            assertFalse(ignored(ignore, serverDir + "/" + file), "left out of the build context: " + file);
        }
        assertTrue(ignored(ignore, serverDir + "/standalone/data/kernel/process-uuid"));
        // every folder the ignore file lets through exists (a WildFly version bump must update it)
        for (String line : ignore) {
            String pattern = line.trim();
            if (pattern.startsWith("!") && !pattern.matches(".*[*?\\[].*")) {
                assertTrue(Files.exists(root.resolve(pattern.substring(1))), "Dockerfile.dockerignore: " + pattern
                        + " does not exist");
            }
        }
    }

    @Test
    void the_server_the_ear_and_the_profiles_land_where_the_configuration_expects_them() {
        Copy serverCopy = copyOf(root.relativize(server).toString());
        assertEquals("/opt/lifeboat/server", strip(serverCopy.destination()));
        Copy ear = copyOf("ear/target/lifeboat.ear");
        assertEquals("/opt/lifeboat/server/standalone/deployments/lifeboat.ear", ear.destination());
        Copy profiles = copyOf("wildfly-config/profiles");
        assertEquals(dockerfileEnv.get("LIFEBOAT_PROFILES_DIR"), strip(profiles.destination()),
                "LIFEBOAT_PROFILES_DIR must point at the copied profiles");
        // layers: the server first, the EAR (which changes with every build) last
        assertTrue(serverCopy.at().line() < ear.at().line(), "the EAR layer comes after the server layer");
        assertEquals(ear, copies().get(copies().size() - 1), "the EAR is the last layer");
    }

    @Test
    void the_image_runs_as_a_user_that_is_not_root() {
        Instruction user = last("USER");
        assertNotNull(user, "no USER: the server would run as root");
        String name = user.args().trim().split(":")[0];
        assertFalse(name.equals("root") || name.equals("0"), "USER " + user.args());
        assertTrue(lastIndex("USER") > lastIndex("RUN"), "USER must come after the last RUN that needs root");
    }

    @Test
    void the_image_has_a_healthcheck_exposes_its_ports_and_declares_its_volumes() {
        Instruction health = last("HEALTHCHECK");
        assertNotNull(health, "no HEALTHCHECK");
        assertFalse(health.args().trim().equalsIgnoreCase("NONE"));
        assertTrue(health.args().contains("CMD"), health.args());
        Matcher script = Pattern.compile("\"(/opt/lifeboat/[^\"]+)\"").matcher(health.args());
        if (script.find()) {
            assertTrue(copies().stream().anyMatch(c -> c.destination().equals(script.group(1))),
                    "the health check script " + script.group(1) + " is not copied into the image");
        }

        Set<String> exposed = exposed();
        assertTrue(exposed.contains("8080"), "EXPOSE 8080: " + exposed);
        assertTrue(exposed.contains("9990"), "EXPOSE 9990: " + exposed);

        Set<String> volumes = volumes();
        for (String variable : List.of(VOLUME_BACKUPS, VOLUME_WORK, VOLUME_SOURCES)) {
            String dir = dockerfileEnv.get(variable);
            assertNotNull(dir, "the Dockerfile sets no default for " + variable);
            assertTrue(volumes.contains(dir), variable + "=" + dir + " is not a VOLUME: " + volumes);
        }
    }

    @Test
    void the_health_check_asks_endpoints_that_the_server_has() throws IOException {
        String standalone = Files.readString(server.resolve("standalone/configuration/standalone.xml"));
        Matcher health = Pattern.compile("<subsystem xmlns=\"urn:wildfly:health:[0-9.]+\"([^>]*)/?>")
                .matcher(standalone);
        assertTrue(health.find(), "the server has no health subsystem: /health/ready does not exist");
        assertTrue(health.group(1).contains("security-enabled=\"false\""),
                "/health/ready needs credentials: " + health.group(0));
        String script = Files.readString(docker.resolve("healthcheck.sh"));
        assertTrue(script.contains("http://127.0.0.1:9990/health/ready"), "healthcheck.sh asks /health/ready");
        assertTrue(script.contains("http://127.0.0.1:8080/lifeboat/api/"), "healthcheck.sh asks the application");
    }

    @Test
    void every_variable_the_dockerfile_sets_is_read_by_the_server() throws IOException {
        String launcher = Files.readString(server.resolve("bin/standalone.sh"))
                + Files.readString(server.resolve("bin/standalone.conf"));
        for (String name : dockerfileEnv.keySet()) {
            if (name.startsWith("LIFEBOAT_")) {
                assertTrue(cliEnv.contains(name), "ENV " + name + " is not read by lifeboat.cli " + cliEnv);
            } else {
                assertTrue(SYSTEM_ENV.contains(name) || launcher.contains(name),
                        "ENV " + name + " is read neither by standalone.sh/standalone.conf nor by the system");
            }
        }
        for (String name : List.of(VOLUME_BACKUPS, VOLUME_WORK, VOLUME_SOURCES, "LIFEBOAT_PROFILES_DIR")) {
            assertTrue(dockerfileEnv.containsKey(name), "the Dockerfile sets no default for " + name);
        }
        assertFalse(dockerfileEnv.keySet().stream().anyMatch(n -> n.contains("PASSWORD") || n.contains("PASSPHRASE")),
                "no secrets baked into the image");
    }

    // ------------------------------------------------------------------------------------------------ compose.yaml

    @Test
    void compose_has_postgres_and_lifeboat_built_from_this_dockerfile() throws IOException {
        JsonNode services = compose.path("services");
        JsonNode postgres = services.path("postgres");
        JsonNode lifeboat = services.path("lifeboat");
        assertTrue(postgres.isObject(), "no service postgres");
        assertTrue(lifeboat.isObject(), "no service lifeboat");
        assertTrue(postgres.path("image").asText().matches("postgres:\\d+.*"), "postgres image: " + postgres);

        JsonNode build = lifeboat.path("build");
        Path context = docker.resolve(build.path("context").asText("")).normalize();
        assertEquals(root.normalize(), context, "the build context is the repository root");
        Path file = context.resolve(build.path("dockerfile").asText("Dockerfile")).normalize();
        assertTrue(Files.isSameFile(docker.resolve("Dockerfile"), file), "compose builds " + file);
        build.path("args").fieldNames().forEachRemaining(arg -> assertTrue(dockerfileArgs.contains(arg),
                "build arg " + arg + " is not an ARG of the Dockerfile " + dockerfileArgs));
    }

    @Test
    void lifeboat_waits_for_a_healthy_database_and_publishes_its_ports() {
        JsonNode lifeboat = compose.path("services").path("lifeboat");
        assertEquals("service_healthy", lifeboat.path("depends_on").path("postgres").path("condition").asText(),
                "lifeboat must wait for a healthy postgres: " + lifeboat.path("depends_on"));
        lifeboat.path("depends_on").fields().forEachRemaining(dependency -> {
            JsonNode service = compose.path("services").path(dependency.getKey());
            assertTrue(service.isObject(), "depends on an unknown service " + dependency.getKey());
            String condition = dependency.getValue().path("condition").asText();
            if (service.path("healthcheck").isObject()) {
                assertEquals("service_healthy", condition, dependency.getKey());
            } else {
                assertEquals("service_completed_successfully", condition, dependency.getKey() + " (one-shot)");
            }
        });

        List<String> ports = new ArrayList<>();
        lifeboat.path("ports").forEach(p -> ports.add(p.asText()));
        assertTrue(ports.contains("8080:8080"), "ports: " + ports);
        assertTrue(ports.contains("127.0.0.1:9990:9990"), "management only on the host's loopback: " + ports);
        Set<String> exposed = exposed();
        for (String port : ports) {
            String container = port.substring(port.lastIndexOf(':') + 1).replace("/tcp", "");
            assertTrue(exposed.contains(container), "published port " + port + " is not EXPOSEd");
        }
    }

    @Test
    void postgres_and_lifeboat_have_healthchecks() {
        JsonNode services = compose.path("services");
        String pg = services.path("postgres").path("healthcheck").path("test").toString();
        assertTrue(pg.contains("pg_isready"), "postgres healthcheck: " + pg);
        String app = services.path("lifeboat").path("healthcheck").path("test").toString();
        Matcher script = Pattern.compile("(/opt/lifeboat/[A-Za-z0-9_/.-]+)").matcher(app);
        assertTrue(script.find(), "lifeboat healthcheck: " + app);
        assertTrue(copies().stream().anyMatch(c -> c.destination().equals(script.group(1))),
                "the health check " + script.group(1) + " is not in the image");
    }

    @Test
    void volumes_are_declared_and_mounted_where_the_image_keeps_its_data() {
        JsonNode declared = compose.path("volumes");
        Set<String> used = new TreeSet<>();
        compose.path("services").fields().forEachRemaining(service -> {
            for (Mount mount : mounts(service.getValue())) {
                if (mount.named()) {
                    assertTrue(declared.has(mount.source()), service.getKey() + ": volume " + mount.source()
                            + " is not declared under the top-level volumes");
                    used.add(mount.source());
                } else {
                    assertTrue(Files.exists(docker.resolve(mount.source())), service.getKey() + ": bind mount "
                            + mount.source() + " does not exist (relative to docker/)");
                }
            }
        });
        declared.fieldNames().forEachRemaining(v -> assertTrue(used.contains(v), "volume " + v + " is not used"));

        Map<String, String> lifeboat = new LinkedHashMap<>();
        mounts(compose.path("services").path("lifeboat")).forEach(m -> lifeboat.put(m.source(), m.target()));
        assertEquals(dockerfileEnv.get(VOLUME_BACKUPS), lifeboat.get("packages"), "packages volume");
        assertEquals(dockerfileEnv.get(VOLUME_SOURCES), lifeboat.get("demo-storage"), "demo-storage volume");
        assertEquals(dockerfileEnv.get(VOLUME_WORK), lifeboat.get("work"), "work volume");
        assertTrue(mounts(compose.path("services").path("postgres")).stream()
                .anyMatch(m -> m.named() && m.target().equals("/var/lib/postgresql/data")), "postgres data volume");
    }

    /** The variables the application reads itself (System.getenv in LifeboatSettings): secrets, never properties. */
    private Set<String> appEnv() {
        try {
            Matcher m = Pattern.compile("System\\.getenv\\(\"([A-Z0-9_]+)\"\\)").matcher(Files.readString(
                    root.resolve("ejb/src/main/java/org/lifeboat/config/LifeboatSettings.java")));
            Set<String> names = new TreeSet<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void every_variable_compose_sets_is_read_by_its_service() throws IOException {
        String initdb = initdbScripts();
        String loadDemo = Files.readString(root.resolve("wildfly-config/demo/load-demo.sh"));
        compose.path("services").fields().forEachRemaining(service -> {
            String image = service.getValue().path("image").asText("");
            for (String name : environment(service.getValue()).keySet()) {
                String where = service.getKey() + ": " + name;
                if (name.startsWith("LIFEBOAT_")) {
                    assertTrue(cliEnv.contains(name) || appEnv().contains(name), where
                            + " is read neither by lifeboat.cli " + cliEnv + " nor by the application " + appEnv());
                    if (image.startsWith("postgres:")) {
                        assertTrue(initdb.contains("${" + name), where + " is not read by docker/initdb");
                    }
                } else if (image.startsWith("postgres:")) {
                    assertTrue(POSTGRES_IMAGE_ENV.contains(name) || LIBPQ_ENV.contains(name)
                            || loadDemo.contains("${" + name), where + " is read by nothing");
                } else {
                    assertTrue(SYSTEM_ENV.contains(name) || dockerfileEnv.containsKey(name), where
                            + " is read by nothing");
                }
            }
        });
        Map<String, String> env = environment(compose.path("services").path("lifeboat"));
        assertEquals("postgres", env.get("LIFEBOAT_DB_HOST"));
        for (String name : List.of("LIFEBOAT_DB_PASSWORD", "LIFEBOAT_SOURCE_DB_PASSWORD")) {
            assertTrue(env.getOrDefault(name, "").matches("\\$\\{" + name.replace("SOURCE_", "")
                    + ":-[^}]+}"), name + " comes from the environment, with a default: " + env.get(name));
        }
        assertTrue(env.getOrDefault("LIFEBOAT_SECRETS_PASSPHRASE", "").matches("\\$\\{LIFEBOAT_SECRETS_PASSPHRASE:\\?[^}]+}"),
                "compose must refuse to start without a secrets passphrase (no public default): "
                        + env.get("LIFEBOAT_SECRETS_PASSPHRASE"));
    }

    @Test
    void the_database_init_script_creates_every_database_a_profile_needs_and_finds_its_files() throws IOException {
        Path script = docker.resolve("initdb/10-lifeboat.sh");
        assertTrue(Files.isRegularFile(script), "missing " + script);
        assertTrue(Files.isExecutable(script), script + " must be executable (the postgres image sources it otherwise)");
        Mount initdb = mounts(compose.path("services").path("postgres")).stream()
                .filter(m -> m.target().equals("/docker-entrypoint-initdb.d")).findFirst()
                .orElseThrow(() -> new AssertionError("postgres mounts nothing at /docker-entrypoint-initdb.d"));
        assertTrue(Files.isSameFile(docker.resolve("initdb"), docker.resolve(initdb.source())));

        String text = initdbScripts();
        assertTrue(text.contains("lifeboat-init.sql"), "the init script runs lifeboat-init.sql");
        assertMountedPathsExist("postgres", text);

        // every database a profile's datasource connects to (and Lifeboat's own) is created
        String cli = Files.readString(root.resolve("wildfly-config/cli/lifeboat.cli"));
        Map<String, String> databases = new LinkedHashMap<>();
        Matcher ds = Pattern.compile("jndi-name=([^,\\s]+),.*?connection-url=\"jdbc:postgresql://[^/\"]+/"
                + "([A-Za-z0-9_]+)\\$\\{env\\.LIFEBOAT_DB_SUFFIX").matcher(cli);
        while (ds.find()) {
            databases.put(ds.group(1), ds.group(2));
        }
        assertTrue(text.contains("'" + databases.get("java:jboss/datasources/LifeboatDS") + "'"),
                "the init script creates Lifeboat's database " + databases);
        try (Stream<Path> profiles = Files.list(root.resolve("wildfly-config/profiles"))) {
            for (Path profile : profiles.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                String jndi = new YAMLMapper().readTree(profile.toFile()).path("datasource").asText();
                String database = databases.get(jndi);
                assertNotNull(database, profile.getFileName() + ": no datasource " + jndi + " in lifeboat.cli");
                assertTrue(text.contains("'" + database + "'"), "the init script does not create the database "
                        + database + " of " + profile.getFileName());
            }
        }
    }

    @Test
    void one_shot_commands_find_their_files() {
        compose.path("services").fields().forEachRemaining(service -> {
            String commands = service.getValue().path("entrypoint").toString() + " "
                    + service.getValue().path("command").toString();
            assertMountedPathsExist(service.getKey(), commands);
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void assertMountedPathsExist(String service, String text) {
        List<Mount> binds = mounts(compose.path("services").path(service)).stream().filter(m -> !m.named()).toList();
        Matcher path = Pattern.compile("(/[A-Za-z0-9_.\\-/]+)").matcher(text);
        while (path.find()) {
            for (Mount bind : binds) {
                if (path.group(1).startsWith(bind.target() + "/")) {
                    Path host = docker.resolve(bind.source()).resolve(path.group(1).substring(bind.target().length()
                            + 1));
                    assertTrue(Files.exists(host), service + " uses " + path.group(1) + ", which is " + host
                            + " on the host: missing");
                }
            }
        }
    }

    private static String initdbScripts() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(docker.resolve("initdb"))) {
            for (Path file : files.sorted().toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }

    private static List<Mount> mounts(JsonNode service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service.path("volumes")) {
            String source;
            String target;
            if (volume.isObject()) {
                source = volume.path("source").asText();
                target = volume.path("target").asText();
            } else {
                String[] parts = volume.asText().split(":");
                assertTrue(parts.length >= 2, "anonymous volume " + volume.asText() + ": name it");
                source = parts[0];
                target = parts[1];
            }
            boolean named = !(source.startsWith(".") || source.startsWith("/") || source.startsWith("~"));
            mounts.add(new Mount(source, target, named));
        }
        return mounts;
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else {
            for (JsonNode entry : node) {
                String[] kv = entry.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** Docker's .dockerignore rules: the last pattern that matches the path or one of its parents decides. */
    static boolean ignored(List<String> patterns, String path) {
        boolean excluded = false;
        for (String line : patterns) {
            String pattern = line.trim();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            pattern = strip(exception ? pattern.substring(1).trim() : pattern);
            if (pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            for (Path p = Path.of(path); p != null; p = p.getParent()) {
                if (matcher.matches(p)) {
                    excluded = !exception;
                    break;
                }
            }
        }
        return excluded;
    }

    private static List<Instruction> parseDockerfile(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].stripTrailing();
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue; // blank lines and comments, also inside continued instructions; parser directives
            }
            if (current == null) {
                current = new StringBuilder();
                start = n + 1;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                String[] parts = current.toString().trim().split("\\s+", 2);
                instructions.add(new Instruction(start, parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""));
                current = null;
            }
        }
        assertTrue(current == null, "the Dockerfile ends inside a continued line");
        return instructions;
    }

    /** ENV NAME=value NAME2="a b" ..., or the old form ENV NAME value. */
    private static Map<String, String> parseEnv(Instruction env) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> words = words(env.args());
        if (!words.isEmpty() && !words.get(0).contains("=")) {
            vars.put(words.get(0), env.args().trim().substring(words.get(0).length()).trim());
            return vars;
        }
        for (String word : words) {
            String[] kv = word.split("=", 2);
            assertEquals(2, kv.length, "line " + env.line() + ": ENV " + word);
            assertTrue(kv[0].matches("[A-Za-z_][A-Za-z0-9_]*"), "line " + env.line() + ": ENV name " + kv[0]);
            vars.put(kv[0], kv[1]);
        }
        return vars;
    }

    /** Splits on white space outside quotes and drops the quotes. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        assertEquals(0, quote, "unbalanced quotes: " + text);
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static List<Copy> copies() {
        List<Copy> copies = new ArrayList<>();
        for (Instruction i : dockerfile) {
            if (!i.keyword().equals("COPY") && !i.keyword().equals("ADD")) {
                continue;
            }
            List<String> flags = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            String args = i.args().trim();
            List<String> tokens = args.startsWith("[") ? jsonArray(args) : words(args);
            for (String token : tokens) {
                if (paths.isEmpty() && token.startsWith("--")) {
                    flags.add(token);
                } else {
                    paths.add(token);
                }
            }
            assertTrue(paths.size() >= 2, "line " + i.line() + ": " + i.keyword() + " needs a source and a target");
            copies.add(new Copy(i, flags, paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1)));
        }
        return copies;
    }

    private static Copy copyOf(String source) {
        return copies().stream().filter(c -> c.sources().stream().anyMatch(s -> strip(s).equals(source)))
                .findFirst().orElseThrow(() -> new AssertionError("the Dockerfile does not COPY " + source));
    }

    private static List<String> jsonArray(String text) {
        try {
            List<String> values = new ArrayList<>();
            new YAMLMapper().readTree(text).forEach(v -> values.add(v.asText()));
            return values;
        } catch (IOException e) {
            return fail("not a JSON array: " + text);
        }
    }

    private static Set<String> exposed() {
        Set<String> ports = new TreeSet<>();
        for (Instruction i : all("EXPOSE")) {
            for (String port : words(i.args())) {
                ports.add(port.replace("/tcp", ""));
            }
        }
        return ports;
    }

    private static Set<String> volumes() {
        Set<String> volumes = new TreeSet<>();
        for (Instruction i : all("VOLUME")) {
            String args = i.args().trim();
            volumes.addAll(args.startsWith("[") ? jsonArray(args) : words(args));
        }
        return volumes;
    }

    private static String substituteArgs(String text) {
        String result = text;
        for (Instruction i : dockerfile) {
            if (i.keyword().equals("ARG") && i.args().contains("=")) {
                String[] kv = i.args().trim().split("=", 2);
                result = result.replace("${" + kv[0] + "}", kv[1]).replace("$" + kv[0], kv[1]);
            }
        }
        return result;
    }

    private static List<Instruction> all(String keyword) {
        return dockerfile.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private static Instruction last(String keyword) {
        List<Instruction> found = all(keyword);
        return found.isEmpty() ? null : found.get(found.size() - 1);
    }

    private static int lastIndex(String keyword) {
        return dockerfile.indexOf(last(keyword));
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), "no property " + name + " in pom.xml");
        return m.group(1).trim();
    }

    /** ear.path is ear/target/lifeboat.ear: the repository root is three levels up. */
    private static Path repositoryRoot() {
        String ear = System.getProperty("ear.path");
        Path start = ear != null ? Path.of(ear).toAbsolutePath().getParent().getParent().getParent()
                : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker/Dockerfile"))
                    && Files.isRegularFile(p.resolve("wildfly-config/cli/lifeboat.cli"))) {
                return p;
            }
        }
        return fail("no repository root (with docker/Dockerfile) at or above " + start);
    }
}
