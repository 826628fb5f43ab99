package org.lifeboat.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lifeboat.archive.Manifest;

/** What the export-files step copied into the work folder: storage, configuration and the sealed secrets. */
public record CollectedFiles(List<Manifest.StoredFile> storage, List<Manifest.SkippedFile> skipped,
                             List<Manifest.StoredFile> configuration, Manifest.Secrets secrets) {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static final CollectedFiles NONE = new CollectedFiles(List.of(), List.of(), List.of(), null);

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    public static CollectedFiles read(Path file) throws IOException {
        return file.toFile().exists() ? JSON.readValue(file.toFile(), CollectedFiles.class) : NONE;
    }
}
