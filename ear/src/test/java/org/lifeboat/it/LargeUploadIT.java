package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Packages above 50 MB upload through the API (multipart and a raw body) and the CLI, streamed to the backup
 * folder without spool files in the system's temporary folder; past a cap the answer is 413 JSON.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LargeUploadIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private URI root() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    private static Set<Path> spoolFiles() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().matches("(m4j|upload_|resteasy).*")).collect(Collectors.toSet());
        }
    }

    /** A storage package of edms carrying one file of 53 MB of random (incompressible) bytes. */
    private byte[] largePackage() throws Exception {
        byte[] big = new byte[53 << 20];
        new Random(53).nextBytes(big);
        ArrayNode storage = LifeboatClient.JSON.createArrayNode();
        storage.addObject().put("root", "media").put("path", "large-upload-test.bin")
                .put("entry", "storage/media/large-upload-test.bin").put("bytes", big.length)
                .put("sha256", PackageFile.sha256(big));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("storage/media/large-upload-test.bin", big);
        return StorageLinkSecurityIT.storagePackage(LifeboatClient.admin(root()), storage, files, Map.of());
    }

    @Test
    void a_53_mb_package_uploads_through_the_api_and_the_cli() throws Exception {
        byte[] pkg = largePackage();
        assertTrue(pkg.length > 50 << 20);
        Set<Path> spoolBefore = spoolFiles();
        LifeboatClient operator = new LifeboatClient(root(), "operator", "operator-demo");

        LifeboatClient.Reply multipart = operator.upload("api/backups/upload", "large.lifeboat.tar", pkg);
        assertEquals(201, multipart.status(), multipart.body());
        JsonNode stored = operator.get("api/backups/" + multipart.json().get("id").asLong()).json();
        assertEquals(pkg.length, stored.get("sizeBytes").asLong(), stored.toString());

        LifeboatClient.Reply raw = operator.send(operator.request("api/backups/upload?name=raw.lifeboat.tar")
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(pkg)));
        assertEquals(201, raw.status(), raw.body());

        Path file = Files.createTempFile("large-", ".lifeboat.tar");
        try {
            Files.write(file, pkg);
            Path repo = Path.of(System.getProperty("ear.path")).toAbsolutePath().getParent().getParent().getParent();
            Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    repo.resolve("bin/cli/target/lifeboat-cli.jar").toString(),
                    "--url", root().toString().replaceAll("/+$", ""), "--user", "operator", "--password",
                    "operator-demo", "restore", file.toString(), "--mode", "merge", "--dry-run")
                    .redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes());
            int exit = cli.waitFor();
            assertTrue(!out.contains("File limit") && !out.contains("internal error"), out);
            assertEquals(0, exit, out);
        } finally {
            Files.deleteIfExists(file);
        }
        Set<Path> spoolAfter = spoolFiles();
        spoolAfter.removeAll(spoolBefore);
        assertEquals(Set.of(), spoolAfter, "spool files left in the temporary folder");
    }

    @Test
    void an_upload_past_its_cap_is_413_json_and_leaves_nothing() throws Exception {
        byte[] pkg = largePackage(); // imports are capped at 50 MB (LIFEBOAT_IMPORT_MAX_BYTES)
        LifeboatClient admin = LifeboatClient.admin(root());
        LifeboatClient.Reply r = admin.upload("api/imports/hms/subsystem/HR1", "large.tar", pkg);
        assertEquals(413, r.status(), r.body());
        assertTrue(r.json().get("detail").asText().contains("MB"), r.body());
        Path incoming = Path.of(System.getProperty("it.data.dir"), "backups", ".incoming");
        try (Stream<Path> left = Files.isDirectory(incoming) ? Files.list(incoming) : Stream.empty()) {
            assertEquals(List.of(), left.toList());
        }
    }
}
