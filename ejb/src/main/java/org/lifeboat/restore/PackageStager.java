package org.lifeboat.restore;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.lifeboat.archive.Manifest;
import org.lifeboat.archive.PackageReader;
import org.lifeboat.archive.RowDecoder;
import org.lifeboat.archive.RowFormatException;
import org.lifeboat.archive.TableEntryStream;

/**
 * Reads the rows of one table entry of a package, in order, from a given line on: what the stage step's reader
 * and a dry run both use. Rows are arrays of text values, exactly as the package holds them; a line that is not a
 * row (with one value per column) is a {@link RestoreException} naming the entry and the line.
 */
public final class PackageStager implements AutoCloseable {

    private final InputStream in;
    private final RowDecoder rows;

    private PackageStager(InputStream in, String entry, int width) {
        this.in = in;
        this.rows = new RowDecoder(in, entry, width);
    }

    /** Reads the rows of a decompressed table entry from its first line; closing the stager closes the stream. */
    public static PackageStager read(InputStream in, Manifest.TableEntry table) {
        return new PackageStager(in, table.entry(), table.columns().size());
    }

    /** Reads rows of any width (the caller checks them) of a decompressed entry named {@code entry}. */
    public static PackageStager read(InputStream in, String entry) {
        return new PackageStager(in, entry, RowDecoder.ANY_WIDTH);
    }

    /** Opens a table entry and skips the first {@code skip} rows (already staged before a restart). */
    public static PackageStager open(PackageReader pkg, Manifest.TableEntry table, long skip) throws IOException {
        PackageStager stager = read(TableEntryStream.open(pkg.open(table.entry())), table);
        while (stager.line() < skip && stager.next() != null) {
            // skipping rows staged before the restart
        }
        return stager;
    }

    /** The line number (1-based) of the row {@link #next()} returned last. */
    public long line() {
        return rows.line();
    }

    /** The next row, or {@code null} at the end of the entry. */
    public String[] next() throws IOException {
        try {
            return rows.next() ? rows.row() : null;
        } catch (RowFormatException e) {
            throw new RestoreException(e.getMessage(), e);
        }
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
        in.close();
    }
}
