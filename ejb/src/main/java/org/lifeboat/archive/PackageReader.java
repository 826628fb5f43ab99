package org.lifeboat.archive;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/** Opens a stored package: its manifest, its raw entries, and the rows of a table entry. */
public final class PackageReader implements AutoCloseable {

    // a duplicate key is refused: two readers could otherwise see two different manifests in one file
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path path;
    private final TarFile tar;
    private Manifest manifest;

    public PackageReader(Path path) throws IOException {
        this.path = path;
        this.tar = new TarFile(path);
    }

    public Path path() {
        return path;
    }

    public Manifest manifest() throws IOException {
        if (manifest == null) {
            TarArchiveEntry entry = entry(Manifest.ENTRY_NAME)
                    .orElseThrow(() -> new IOException(path.getFileName() + " has no " + Manifest.ENTRY_NAME));
            try (InputStream in = tar.getInputStream(entry)) {
                manifest = JSON.readValue(in, Manifest.class);
            }
        }
        return manifest;
    }

    public List<String> entryNames() {
        return tar.getEntries().stream().map(TarArchiveEntry::getName).toList();
    }

    public Optional<TarArchiveEntry> entry(String name) {
        return tar.getEntries().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    public InputStream open(String name) throws IOException {
        return tar.getInputStream(entry(name).orElseThrow(() -> new IOException("no entry " + name)));
    }

    /**
     * Streams the rows of a table entry, each an array of text values ({@code null} for SQL NULL).
     *
     * @throws RowFormatException at the first line that is not a row
     */
    public long forEachRow(String entryName, Consumer<String[]> rows) throws IOException {
        long count = 0;
        try (InputStream in = TableEntryStream.open(open(entryName))) {
            RowDecoder decoder = new RowDecoder(in, entryName, RowDecoder.ANY_WIDTH);
            for (; decoder.next(); count++) {
                rows.accept(decoder.row());
            }
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
