package org.lifeboat.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import com.github.luben.zstd.ZstdInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/** A package opened the way an operator would: a tar with a JSON manifest and zstd JSON Lines entries. */
final class PackageFile implements AutoCloseable {

    private final TarFile tar;
    final JsonNode manifest;

    PackageFile(Path file) throws IOException {
        tar = new TarFile(file);
        try (InputStream in = tar.getInputStream(entry("manifest.json"))) {
            manifest = LifeboatClient.JSON.readTree(in);
        }
    }

    TarArchiveEntry entry(String name) {
        return tar.getEntries().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name));
    }

    JsonNode table(String name) {
        for (JsonNode t : manifest.get("tables")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + manifest.get("tables"));
    }

    byte[] bytes(String entry) throws IOException {
        try (InputStream in = tar.getInputStream(entry(entry))) {
            return in.readAllBytes();
        }
    }

    /** The rows of a table entry, decompressed: the JSON Lines text. */
    String rows(String table) throws IOException {
        try (InputStream in = new ZstdInputStream(
                tar.getInputStream(entry(table(table).get("entry").asText())))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
