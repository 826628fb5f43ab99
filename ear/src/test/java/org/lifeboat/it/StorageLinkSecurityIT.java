package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lifeboat.backup.BackupWorkspace;

/**
 * An operator must not become root: storage links uploaded one package at a time (the link-chain attack) are
 * refused, a link left on disk is never written through by the next restore, the next backup judges links by
 * where they really lead, and a configuration restore only writes the profile's paths, never a secret's.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StorageLinkSecurityIT {

    private static final String DEEP = "sub/a/b/c/d/e/f/g";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private URI root() {
        return URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "") + "/lifeboat/");
    }

    private LifeboatClient admin() {
        return LifeboatClient.admin(root());
    }

    private LifeboatClient operator() {
        return new LifeboatClient(root(), "operator", "operator-demo");
    }

    private static Path sources() {
        return Path.of(System.getProperty("it.data.dir"), "sources");
    }

    private static Path media() {
        return sources().resolve("edms/storage/media");
    }

    @AfterEach
    void removeTheTestsFiles() throws IOException {
        new BackupWorkspace(media().resolve("sub")).delete(); // walks the tree, deletes links, follows none
    }

    /** A storage package of edms with the given storage list, built from a real storage backup. */
    private byte[] storagePackage(ArrayNode storage, Map<String, byte[]> files, Map<String, String> links)
            throws Exception {
        return storagePackage(admin(), storage, files, links);
    }

    static byte[] storagePackage(LifeboatClient api, ArrayNode storage, Map<String, byte[]> files,
                                 Map<String, String> links) throws Exception {
        long id = api.awaitJob(api.startBackup("edms", "storage"), Duration.ofMinutes(3)).at("/result/backupId").asLong();
        Map<String, byte[]> entries = UploadIT.entries(api.download("api/backups/" + id + "/download").body());
        entries.keySet().removeIf(name -> name.startsWith("storage/"));
        ObjectNode manifest = (ObjectNode) LifeboatClient.JSON.readTree(entries.get("manifest.json"));
        manifest.set("storage", storage);
        manifest.putArray("storageSkipped");
        ArrayNode listed = manifest.putArray("entries");
        for (JsonNode e : (ArrayNode) LifeboatClient.JSON.readTree(entries.get("manifest.json")).get("entries")) {
            if (!e.get("name").asText().startsWith("storage/")) {
                listed.add(e);
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            listed.addObject().put("name", f.getKey()).put("sha256", PackageFile.sha256(f.getValue()))
                    .put("bytes", f.getValue().length);
        }
        entries.put("manifest.json", LifeboatClient.JSON.writeValueAsBytes(manifest));
        entries.putAll(files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(e.getKey(), true);
                header.setSize(e.getValue().length);
                tar.putArchiveEntry(header);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, String> l : links.entrySet()) {
                TarArchiveEntry header = new TarArchiveEntry(l.getKey(), TarArchiveEntry.LF_SYMLINK, true);
                header.setLinkName(l.getValue());
                tar.putArchiveEntry(header);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static ObjectNode link(ArrayNode storage, String path, String target) {
        return storage.addObject().put("root", "media").put("path", path).put("entry", "storage/media/" + path)
                .put("bytes", 0).put("link", target);
    }

    @Test
    void the_link_chain_uploads_are_refused_and_nothing_is_placed() throws Exception {
        ArrayNode first = LifeboatClient.JSON.createArrayNode();
        link(first, DEEP + "/y", "../../../../../../../..");
        LifeboatClient.Reply y = operator().upload("api/backups/upload", "y.tar",
                storagePackage(first, Map.of(), Map.of("storage/media/" + DEEP + "/y", "../../../../../../../..")));
        assertEquals(422, y.status(), y.body());
        assertEquals("path-traversal", y.json().get("reason").asText(), y.body());

        ArrayNode second = LifeboatClient.JSON.createArrayNode();
        link(second, DEEP + "/z", "y/../../../../../../../..");
        LifeboatClient.Reply z = operator().upload("api/backups/upload", "z.tar",
                storagePackage(second, Map.of(), Map.of("storage/media/" + DEEP + "/z", "y/../../../../../../../..")));
        assertEquals(422, z.status(), z.body());
        assertTrue(z.json().get("detail").asText().contains("after a name"), z.body());
        assertFalse(Files.exists(media().resolve(DEEP), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void a_restore_never_writes_through_a_link_left_on_disk() throws Exception {
        // what the two first uploads left on disk before the fix: y -> the root, z -> somewhere outside it
        Path g = Files.createDirectories(media().resolve(DEEP));
        Path outside = Files.createTempDirectory("lifeboat-outside-");
        try {
            Files.createSymbolicLink(g.resolve("y"), Path.of("../../../../../../../.."));
            Files.createSymbolicLink(g.resolve("z"), outside);
            String name = "escape-" + UUID.randomUUID() + ".txt";
            byte[] payload = "written by an upload".getBytes(StandardCharsets.UTF_8);
            ArrayNode storage = LifeboatClient.JSON.createArrayNode();
            storage.addObject().put("root", "media").put("path", DEEP + "/z/" + name)
                    .put("entry", "storage/media/" + DEEP + "/z/" + name).put("bytes", payload.length)
                    .put("sha256", PackageFile.sha256(payload));
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("storage/media/" + DEEP + "/z/" + name, payload);
            LifeboatClient.Reply up = operator().upload("api/backups/upload", "file.tar",
                    storagePackage(storage, files, Map.of()));
            assertEquals(201, up.status(), up.body());
            LifeboatClient.Reply started = operator().post("api/restores",
                    "{\"backupId\":" + up.json().get("id").asLong() + ",\"mode\":\"merge\"}");
            assertEquals(202, started.status(), started.body());
            JsonNode job = operator().awaitJob(started.json().get("executionId").asLong(), Duration.ofMinutes(2));
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());

            try (Stream<Path> s = Files.list(outside)) {
                assertEquals(0, s.count(), "the restore wrote through the link, outside the storage root");
            }
            assertTrue(Files.isDirectory(g.resolve("z"), LinkOption.NOFOLLOW_LINKS), "the link became a folder");
            assertEquals("written by an upload", Files.readString(g.resolve("z").resolve(name)));
        } finally {
            new BackupWorkspace(outside).delete();
        }
    }

    @Test
    void the_next_backup_does_not_keep_a_link_that_really_leads_out_of_the_root() throws Exception {
        Path g = Files.createDirectories(media().resolve(DEEP));
        Files.createSymbolicLink(g.resolve("y"), Path.of("../../../../../../../.."));
        Files.createSymbolicLink(g.resolve("z"), Path.of("y/../../../../../../../.."));
        LifeboatClient api = admin();
        JsonNode job = api.awaitJob(api.startBackup("edms", "storage"), Duration.ofMinutes(3));
        assertEquals("COMPLETED", job.get("status").asText(), job.toString());
        Map<String, byte[]> entries = UploadIT.entries(api.download("api/backups/"
                + job.at("/result/backupId").asLong() + "/download").body());
        JsonNode manifest = LifeboatClient.JSON.readTree(entries.get("manifest.json"));
        for (JsonNode f : manifest.get("storage")) {
            assertFalse(f.get("path").asText().equals(DEEP + "/z"), "z leads to / and was kept as a link: " + f);
        }
        assertTrue(manifest.get("storageSkipped").toString().contains(DEEP + "/z"), manifest.get("storageSkipped")
                .toString());
    }

    @Test
    void a_configuration_restore_writes_only_the_profiles_paths_and_keeps_their_mode() throws Exception {
        Path env = sources().resolve("edms/config/edms.env");
        Path secret = sources().resolve("edms/config/secret.key");
        String secretBefore = Files.readString(secret);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        LifeboatClient api = admin();
        long id = api.awaitJob(api.startBackup("edms", "configuration"), Duration.ofMinutes(2))
                .at("/result/backupId").asLong();
        Map<String, byte[]> entries = UploadIT.entries(api.download("api/backups/" + id + "/download").body());

        // the same package, its configuration file aimed at the secret key
        ObjectNode manifest = (ObjectNode) LifeboatClient.JSON.readTree(entries.get("manifest.json"));
        ObjectNode file = (ObjectNode) manifest.get("configuration").get(0);
        String entry = file.get("entry").asText();
        file.put("path", "edms/config/secret.key").put("entry", "configuration/edms/config/secret.key");
        Map<String, byte[]> hostile = new LinkedHashMap<>(entries);
        hostile.put("configuration/edms/config/secret.key", hostile.remove(entry));
        for (JsonNode e : manifest.get("entries")) {
            if (e.get("name").asText().equals(entry)) {
                ((ObjectNode) e).put("name", "configuration/edms/config/secret.key");
            }
        }
        hostile.put("manifest.json", LifeboatClient.JSON.writeValueAsBytes(manifest));
        LifeboatClient.Reply up = api.upload("api/backups/upload", "config.tar", UploadIT.tar(hostile));
        assertEquals(201, up.status(), up.body());
        LifeboatClient.Reply started = api.post("api/restores", "{\"backupId\":" + up.json().get("id").asLong()
                + ",\"mode\":\"merge\",\"restoreConfiguration\":true}");
        JsonNode failed = api.awaitJob(started.json().get("executionId").asLong(), Duration.ofMinutes(2));
        assertEquals("FAILED", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("error").asText().contains("secret"), failed.toString());
        assertEquals(secretBefore, Files.readString(secret));

        // the genuine package: the file comes back and keeps its 0600
        LifeboatClient.Reply genuine = api.post("api/restores", "{\"backupId\":" + id
                + ",\"mode\":\"merge\",\"restoreConfiguration\":true}");
        JsonNode done = api.awaitJob(genuine.json().get("executionId").asLong(), Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.get("status").asText(), done.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
    }

    @Test
    void an_unknown_storage_root_is_refused_by_the_dry_run_and_the_restore_before_any_database_work() throws Exception {
        byte[] payload = "a file of a root the profile does not have".getBytes(StandardCharsets.UTF_8);
        ArrayNode storage = LifeboatClient.JSON.createArrayNode();
        storage.addObject().put("root", "nosuchroot").put("path", "x.txt").put("entry", "storage/nosuchroot/x.txt")
                .put("bytes", payload.length).put("sha256", PackageFile.sha256(payload));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("storage/nosuchroot/x.txt", payload);
        LifeboatClient.Reply up = admin().upload("api/backups/upload", "root.tar", storagePackage(storage, files, Map.of()));
        assertEquals(201, up.status(), up.body());
        long id = up.json().get("id").asLong();
        int jobsBefore = admin().get("api/jobs?limit=500").json().size();
        LifeboatClient.Reply dry = admin().post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"merge\",\"dryRun\":true}");
        assertEquals(422, dry.status(), dry.body());
        assertTrue(dry.json().get("detail").asText().contains("nosuchroot"), dry.body());
        LifeboatClient.Reply restore = admin().post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"merge\"}");
        assertEquals(422, restore.status(), restore.body());
        assertEquals(jobsBefore, admin().get("api/jobs?limit=500").json().size(), "no restore job, no staging schema");
    }
}
