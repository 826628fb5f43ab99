package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A package file on this machine, read just far enough to name its source: a package is a tar archive whose first
 * entry is {@code manifest.json} (docs/FORMAT.md). Used to say what a clean restore will empty before uploading.
 */
final class LocalPackage {

    private static final int HEADER = 512;
    private static final int MAX_MANIFEST = 64 * 1024 * 1024;

    private LocalPackage() {}

    /** The manifest's {@code source}, or null when the file does not start like a package. */
    static String source(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            for (int headers = 0; headers < 4; headers++) {
                byte[] header = in.readNBytes(HEADER);
                if (header.length < HEADER) {
                    return null;
                }
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                if (size < 0 || size > MAX_MANIFEST) {
                    return null;
                }
                char type = (char) header[156];
                if (type == 'x' || type == 'g' || type == 'L') {
                    // PAX or GNU extended header in front of the entry: skip its padded data
                    in.skipNBytes((size + HEADER - 1) / HEADER * HEADER);
                    continue;
                }
                if (!field(header, 0, 100).replaceFirst("^\\./", "").equals("manifest.json")) {
                    return null;
                }
                JsonNode manifest = LifeboatApi.JSON.readTree(in.readNBytes((int) size));
                return manifest.hasNonNull("source") ? manifest.get("source").asText() : null;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
