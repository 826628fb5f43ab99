package org.lifeboat.restore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.archive.TableEntryStream;

/**
 * Reads the rows of one table entry of a package, in order, from a given line on: what the stage step's reader
 * and a dry run both use. Rows are arrays of text values, exactly as the package holds them.
 */
public final class PackageStager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputStream in;
    private final JsonParser parser;
    private final String entry;
    private long line;

    private PackageStager(InputStream in, JsonParser parser, String entry) {
        this.in = in;
        this.parser = parser;
        this.entry = entry;
    }

    /** Reads the rows of a decompressed table entry from its first line; closing the stager closes the stream. */
    public static PackageStager read(InputStream in, String entry) throws IOException {
        return new PackageStager(in, JSON.getFactory().createParser(in), entry);
    }

    /** Opens an entry and skips the first {@code skip} rows (already staged before a restart). */
    public static PackageStager open(PackageReader pkg, String entry, long skip) throws IOException {
        InputStream in = TableEntryStream.open(pkg.open(entry));
        PackageStager stager = new PackageStager(in, JSON.getFactory().createParser(in), entry);
        while (stager.line < skip && stager.next() != null) {
            // skipping rows staged before the restart
        }
        return stager;
    }

    /** The line number (1-based) of the row {@link #next()} returned last. */
    public long line() {
        return line;
    }

    /** The next row, or {@code null} at the end of the entry. */
    public String[] next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return null;
        }
        line++;
        if (token != JsonToken.START_ARRAY) {
            throw new RestoreException(entry + ": line " + line + " is not a JSON array");
        }
        List<String> values = new ArrayList<>();
        for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
            if (v == JsonToken.VALUE_NULL) {
                values.add(null);
            } else if (v == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            } else {
                throw new RestoreException(entry + ": line " + line + " holds " + v + " where a text value belongs");
            }
        }
        return values.toArray(String[]::new);
    }

    /** Reads up to {@code max} rows. */
    public List<String[]> next(int max) throws IOException {
        List<String[]> rows = new ArrayList<>(max);
        for (String[] row; rows.size() < max && (row = next()) != null; ) {
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() throws IOException {
        parser.close();
        in.close();
    }
}
