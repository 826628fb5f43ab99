package org.lifeboat.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Re-reads a stored package and checks everything it claims: the manifest comes first and parses, every entry
 * it lists is present once with its SHA-256 and size, nothing else is in the archive, and every table entry
 * holds as many well-formed rows ({@link RowDecoder}: JSON arrays of strings and nulls, one value per column, one per
 * line) as the manifest says.
 */
public final class PackageVerifier {

    /** The outcome: {@code ok} when there is no problem; each problem is a sentence naming the entry. */
    public record Result(boolean ok, List<String> problems, int entriesChecked, long rowsChecked) {}

    private PackageVerifier() {}

    /** Every check: checksums and sizes of all entries, and every table entry decoded and its rows counted. */
    public static Result verify(Path file) {
        return verify(file, true);
    }

    /**
     * Checksums and sizes of all entries against the manifest, without decoding the table entries: what a restore
     * checks before it starts (it decodes every row anyway, checks each row's width, and compares the rows it
     * restored with the manifest's counts before it commits).
     */
    public static Result verifyChecksums(Path file) {
        return verify(file, false);
    }

    private static Result verify(Path file, boolean decodeRows) {
        List<String> problems = new ArrayList<>();
        int[] checked = {0};
        long[] rows = {0};
        if (!Files.isRegularFile(file)) {
            return new Result(false, List.of("the package file " + file + " does not exist"), 0, 0);
        }
        try (TarFile tar = new TarFile(file)) {
            List<TarArchiveEntry> all = tar.getEntries();
            if (all.isEmpty() || !all.get(0).getName().equals(Manifest.ENTRY_NAME)) {
                problems.add("the first entry is not " + Manifest.ENTRY_NAME);
                return new Result(false, problems, 0, 0);
            }
            Manifest manifest;
            try (InputStream in = tar.getInputStream(all.get(0))) {
                manifest = PackageReader.JSON.readValue(in, Manifest.class);
            } catch (IOException e) {
                problems.add(Manifest.ENTRY_NAME + " is not a valid manifest: " + e.getMessage());
                return new Result(false, problems, 0, 0);
            }
            if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
                problems.add("format version " + manifest.formatVersion() + " is not supported (this server reads "
                        + Manifest.FORMAT_VERSION + ")");
            }
            Map<String, TarArchiveEntry> byName = new HashMap<>();
            for (TarArchiveEntry e : all.subList(1, all.size())) {
                if (byName.put(e.getName(), e) != null) {
                    problems.add("entry " + e.getName() + " appears more than once");
                }
            }
            Set<String> expected = new HashSet<>();
            if (manifest.entries() != null) {
                for (Manifest.Entry listed : manifest.entries()) {
                    expected.add(listed.name());
                    TarArchiveEntry entry = byName.get(listed.name());
                    if (entry == null) {
                        problems.add("entry " + listed.name() + " is missing");
                        continue;
                    }
                    checked[0]++;
                    String sha = sha256(tar, entry);
                    if (entry.getSize() != listed.bytes()) {
                        problems.add("entry " + listed.name() + " has " + entry.getSize() + " bytes, the manifest says "
                                + listed.bytes());
                    } else if (!sha.equals(listed.sha256())) {
                        problems.add("entry " + listed.name() + " has SHA-256 " + sha + ", the manifest says "
                                + listed.sha256());
                    }
                }
            }
            if (manifest.storage() != null) {
                manifest.storage().stream().filter(f -> f.link() != null).forEach(f -> expected.add(f.entry()));
            }
            if (all.size() > 1 && all.get(1).getName().equals(PackageSignature.ENTRY_NAME)) {
                expected.add(PackageSignature.ENTRY_NAME); // signs the manifest, so the manifest cannot list it
            }
            for (String name : byName.keySet()) {
                if (!expected.contains(name)) {
                    problems.add("entry " + name + " is not listed in the manifest");
                }
            }
            if (manifest.tables() != null) {
                for (Manifest.TableEntry table : manifest.tables()) {
                    TarArchiveEntry entry = byName.get(table.entry());
                    if (entry == null) {
                        problems.add("table " + table.schema() + "." + table.name() + ": entry " + table.entry()
                                + " is missing");
                        continue;
                    }
                    if (!decodeRows) {
                        continue;
                    }
                    long found = countRows(tar, entry, table, problems);
                    rows[0] += found;
                    if (found >= 0 && found != table.rows()) {
                        problems.add("table " + table.schema() + "." + table.name() + " holds " + found
                                + " rows, the manifest says " + table.rows());
                    }
                }
            }
        } catch (IOException e) {
            problems.add("the package cannot be read as a tar archive: " + e.getMessage());
        }
        return new Result(problems.isEmpty(), problems, checked[0], rows[0]);
    }

    /** Rows of a table entry, or -1 after adding the problem that stopped the count. */
    private static long countRows(TarFile tar, TarArchiveEntry entry, Manifest.TableEntry table,
                                  List<String> problems) {
        int width = table.columns() == null ? RowDecoder.ANY_WIDTH : table.columns().size();
        long count = 0;
        try (InputStream in = TableEntryStream.open(tar.getInputStream(entry))) {
            RowDecoder rows = new RowDecoder(in, entry.getName(), width);
            while (rows.next()) {
                count++;
            }
        } catch (RowFormatException e) {
            problems.add(e.getMessage());
            return -1;
        } catch (IOException e) {
            problems.add(entry.getName() + " cannot be read after row " + count + ": " + e.getMessage());
            return -1;
        }
        return count;
    }

    private static String sha256(TarFile tar, TarArchiveEntry entry) throws IOException {
        MessageDigest sha = PackageSealer.sha256();
        try (InputStream in = tar.getInputStream(entry)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
