package org.lifeboat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Uploaded packages are untrusted: hostile ones are refused with their reason and leave nothing behind (the unit
 * corpus in UploadInspectorTest has 53 of them; these go through REST); a well-formed package whose values do not
 * fit the live columns is caught by the restore's validation and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UploadIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.path")));
    }

    @ArquillianResource
    URL base;

    private LifeboatClient api() {
        return LifeboatClient.admin(URI.create(base.toString().replaceAll("/+$", "").replaceAll("/lifeboat$", "")
                + "/lifeboat/"));
    }

    private byte[] hr1() throws Exception {
        LifeboatClient api = api();
        long id = api.awaitJob(api.startBackup("hms", "subsystem:HR1"), Duration.ofMinutes(2)).at("/result/backupId").asLong();
        return api.download("api/backups/" + id + "/download").body();
    }

    @Test
    void hostile_uploads_are_refused_with_their_reason_and_leave_nothing() throws Exception {
        byte[] good = hr1();
        Map<String, byte[]> hostile = new LinkedHashMap<>();
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        hostile.put("checksum-mismatch", flipped);
        hostile.put("truncated", Arrays.copyOf(good, good.length / 3));
        byte[] noise = new byte[50_000];
        new java.util.Random(7).nextBytes(noise);
        hostile.put("not-a-tar", noise);
        Map<String, byte[]> entries = entries(good);
        entries.put("../../etc/evil", "x".getBytes(StandardCharsets.UTF_8));
        hostile.put("path-traversal", tar(entries));
        Map<String, byte[]> badManifest = entries(good);
        badManifest.put("manifest.json", "{\"formatVersion\": 1, \"source\": ".getBytes(StandardCharsets.UTF_8));
        hostile.put("manifest-invalid-json", tar(badManifest));

        long catalogued = api().get("api/backups").json().size();
        Path uploads = Path.of(System.getProperty("it.data.dir"), "backups", ".incoming");
        for (Map.Entry<String, byte[]> h : hostile.entrySet()) {
            LifeboatClient.Reply r = api().upload("api/backups/upload", h.getKey() + ".tar", h.getValue());
            assertEquals(422, r.status(), h.getKey() + ": " + r.body());
            assertEquals(h.getKey(), r.json().get("reason").asText(), r.body());
            assertTrue(r.json().get("detail").asText().length() > 20, r.body());
        }
        assertEquals(catalogued, api().get("api/backups").json().size(), "nothing catalogued");
        try (Stream<Path> left = Files.isDirectory(uploads) ? Files.list(uploads) : Stream.empty()) {
            assertEquals(0, left.count(), "no upload left behind");
        }
        assertEquals("REFUSED", api().get("api/audit?action=UPLOAD").json().get(0).get("status").asText());

        LifeboatClient.Reply ok = api().upload("api/backups/upload", "good.tar", good);
        assertEquals(201, ok.status(), ok.body());
        assertTrue(ok.json().get("id").asLong() > 0);
    }

    @Test
    void a_value_that_does_not_fit_its_column_is_named_and_nothing_changes() throws Exception {
        Map<String, byte[]> entries = entries(hr1());
        ObjectNode manifest = (ObjectNode) LifeboatClient.JSON.readTree(entries.get("manifest.json"));
        String entry = null;
        for (JsonNode t : manifest.get("tables")) {
            if (t.get("name").asText().equals("vacancies")) {
                entry = t.get("entry").asText();
                byte[] rows = Zstd.decompress(entries.get(entry), 64 << 20);
                String text = new String(rows, StandardCharsets.UTF_8);
                String first = text.substring(0, text.indexOf('\n'));
                JsonNode row = LifeboatClient.JSON.readTree(first);
                ((com.fasterxml.jackson.databind.node.ArrayNode) row).set(0, "not-a-number");
                byte[] changed = Zstd.compress((LifeboatClient.JSON.writeValueAsString(row)
                        + text.substring(first.length())).getBytes(StandardCharsets.UTF_8), 1);
                entries.put(entry, changed);
                ((ObjectNode) t).put("sha256", PackageFile.sha256(changed)).put("bytes", changed.length);
            }
        }
        for (JsonNode e : manifest.get("entries")) {
            if (e.get("name").asText().equals(entry)) {
                ((ObjectNode) e).put("sha256", PackageFile.sha256(entries.get(entry))).put("bytes", entries.get(entry).length);
            }
        }
        entries.put("manifest.json", LifeboatClient.JSON.writeValueAsBytes(manifest));
        LifeboatClient.Reply up = api().upload("api/backups/upload", "unfit.tar", tar(entries));
        assertEquals(201, up.status(), up.body());
        long id = up.json().get("id").asLong();

        Map<String, String> before;
        try (Connection c = SourceDatabase.open("hms")) {
            before = DatabaseState.tableHashes(c);
        }
        JsonNode dry = api().post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"merge\",\"dryRun\":true}").json();
        assertTrue(dry.get("problems").toString().contains("public.vacancies")
                && dry.get("problems").toString().contains("package line 1")
                && dry.get("problems").toString().contains("not-a-number"), dry.toString());
        LifeboatClient.Reply started = api().post("api/restores", "{\"backupId\":" + id + ",\"mode\":\"merge\"}");
        JsonNode job = api().awaitJob(started.json().get("executionId").asLong(), Duration.ofMinutes(2));
        assertEquals("FAILED", job.get("status").asText());
        assertTrue(job.get("error").asText().contains("not-a-number"), job.get("error").asText());
        try (Connection c = SourceDatabase.open("hms")) {
            assertEquals(before, DatabaseState.tableHashes(c), "nothing changed");
        }
    }

    static Map<String, byte[]> entries(byte[] tar) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static byte[] tar(Map<String, byte[]> entries) throws Exception {
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
        }
        return out.toByteArray();
    }
}
