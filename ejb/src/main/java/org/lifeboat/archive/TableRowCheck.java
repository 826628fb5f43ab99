package org.lifeboat.archive;

import static org.lifeboat.archive.EntryNameRules.clip;
import static org.lifeboat.archive.EntryNameRules.shown;

import java.io.IOException;
import java.io.InputStream;
import org.lifeboat.archive.InvalidPackageException.Reason;

/**
 * Checks the rows of an uploaded package's table entries with {@link RowDecoder}, the format's one reader, while
 * capping what decompressing them may cost (a ratio per entry, a total per package): the row concern of
 * {@link UploadInspector}. Faults become the inspector's reason codes: {@code row-invalid-json},
 * {@code row-wrong-type}, {@code row-wrong-width}, {@code row-count-mismatch}, {@code decompression-bomb},
 * {@code corrupt-table-entry}.
 */
final class TableRowCheck {

    private final UploadInspector.Limits limits;
    private long inflatedTotal;

    /**
     * Streams the rows of a table entry through {@link RowDecoder}, as many as the manifest says, each with as many
     * values as columns. Values are decoded, never held; decompression stops at the ratio cap (zstd, unlike gzip,
     * has no practical ratio ceiling: a few hundred bytes can declare gigabytes).
     */
    void check(Manifest.TableEntry table, InputStream compressed, long compressedBytes)
            throws InvalidPackageException {
        String where = "table " + shown(table.schema() + "." + table.name()) + " (" + shown(table.entry()) + ")";
        String entry = shown(table.entry());
        long rows = 0;
        if (compressedBytes == 0) {
            requireRowCount(table, where, 0);
            return;
        }
        long allowance = UploadInspector.RATIO_ALLOWANCE_BYTES;
        long ratioCap = compressedBytes > (Long.MAX_VALUE - allowance) / limits.maxCompressionRatio()
                ? Long.MAX_VALUE : compressedBytes * limits.maxCompressionRatio() + allowance;
        Inflated inflated = null;
        try {
            inflated = new Inflated(TableEntryStream.open(compressed), ratioCap,
                    limits.maxUncompressedBytes() - inflatedTotal, where, entry, compressedBytes);
            RowDecoder decoder = new RowDecoder(inflated, entry, table.columns().size());
            while (decoder.next()) {
                if (decoder.line() > table.rows()) {
                    throw new InvalidPackageException(Reason.ROW_COUNT_MISMATCH, entry, where + " holds more"
                            + " rows than the " + table.rows() + " the manifest says");
                }
                rows = decoder.line();
            }
            requireRowCount(table, where, rows);
        } catch (RowFormatException e) {
            Reason reason = switch (e.kind()) {
                case NOT_JSON, NOT_ONE_PER_LINE -> Reason.ROW_INVALID_JSON;
                case WRONG_TYPE, NOT_TEXT -> Reason.ROW_WRONG_TYPE;
                case WRONG_WIDTH -> Reason.ROW_WRONG_WIDTH;
            };
            throw new InvalidPackageException(reason, entry, where + ", row " + e.line() + ": " + e.reason(), e);
        } catch (InvalidPackageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            InvalidPackageException refused = TarFraming.refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new InvalidPackageException(Reason.CORRUPT_TABLE_ENTRY, entry, where + " cannot be decompressed:"
                    + " it is not a sequence of zstd frames (or gzip members) (" + clip(String.valueOf(e.getMessage()))
                    + ")", e);
        } finally {
            if (inflated != null) {
                inflatedTotal += inflated.count;
            }
        }
    }

    private static void requireRowCount(Manifest.TableEntry table, String where, long rows)
            throws InvalidPackageException {
        if (rows != table.rows()) {
            throw new InvalidPackageException(Reason.ROW_COUNT_MISMATCH, shown(table.entry()), where + " holds "
                    + rows + " rows, the manifest says " + table.rows());
        }
    }

    /** Decompressed rows, counted and cut off at the caps. */
    private static final class Inflated extends BlockInputStream {

        private final InputStream in;
        private final long ratioCap;
        private final long totalLeft;
        private final String where;
        private final String entry;
        private final long compressedBytes;
        private long count;

        Inflated(InputStream in, long ratioCap, long totalLeft, String where, String entry, long compressedBytes) {
            this.in = in;
            this.ratioCap = ratioCap;
            this.totalLeft = totalLeft;
            this.where = where;
            this.entry = entry;
            this.compressedBytes = compressedBytes;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n <= 0) {
                return n;
            }
            count += n;
            if (count > ratioCap) {
                throw new InvalidPackageException(Reason.DECOMPRESSION_BOMB, entry, where + " decompresses to more"
                        + " than " + ratioCap + " bytes from " + compressedBytes + " compressed bytes, beyond the"
                        + " compression ratio accepted; stopped before decompressing the rest");
            }
            if (count > totalLeft) {
                throw new InvalidPackageException(Reason.DECOMPRESSION_BOMB, entry, where + " takes the package's"
                        + " tables past the total decompressed size accepted; stopped there");
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    TableRowCheck(UploadInspector.Limits limits) {
        this.limits = limits;
    }
}
