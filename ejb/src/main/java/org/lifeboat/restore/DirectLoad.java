package org.lifeboat.restore;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import org.lifeboat.archive.Manifest;
import org.lifeboat.source.TableRef;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The fast path of a merge or replace restore into a table that is empty: its rows go from the package straight
 * into the live table with one COPY inside the apply transaction, instead of being staged first and then
 * upserted. The rows are turned into COPY text byte by byte ({@link CopyTranscoder}). PostgreSQL parses each value with the column type's input function, exactly as the staged path's
 * {@code text::type} casts do, so both paths give the same rows. Which tables take it is decided once per job
 * (when the staging area is created) and kept in the staging schema, so a restart decides the same way.
 *
 * @param tables package table indexes (manifest order) that were not staged because their live table was empty
 * @param rows opens a table entry of the package, decompressed
 * @param progress told how many rows of a table were copied so far
 */
public record DirectLoad(Set<Integer> tables, Rows rows, Progress progress) {

    /** Rows go to PostgreSQL in COPY messages of about this many bytes. */
    private static final int FLUSH_BYTES = 1 << 20;

    /** Opens a table entry of the package, decompressed: one JSON array per line. */
    public interface Rows {
        InputStream open(Manifest.TableEntry entry) throws IOException;
    }

    public interface Progress {
        void copied(TableBinding table, long rows);
    }

    public static DirectLoad none() {
        return new DirectLoad(Set.of(), entry -> {
            throw new IllegalStateException("no table is loaded directly");
        }, (table, rows) -> { });
    }

    public boolean planned(TableBinding b) {
        return tables.contains(b.index());
    }

    /**
     * Locks the live table against writers for the rest of the transaction and tells whether it is (still)
     * empty: only then may its rows be copied in without the upsert.
     */
    static boolean lockIfEmpty(Connection c, TableBinding b) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE " + b.ref().quoted() + " IN SHARE ROW EXCLUSIVE MODE");
            try (ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + b.ref().quoted() + ")")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** COPYs every row of the table's entry into the live table; answers the number of rows copied. */
    long copy(Connection c, TableBinding b) throws SQLException, IOException {
        String columns = b.columns().stream().map(col -> TableRef.quote(col.name())).collect(Collectors.joining(", "));
        int width = b.entry().columns().size();
        int[] chosen = b.columns().stream().mapToInt(TableBinding.ColumnBinding::staged).toArray();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + b.ref().quoted() + " (" + columns + ") FROM STDIN");
        try (InputStream in = rows.open(b.entry())) {
            CopyTranscoder transcoder = new CopyTranscoder(in, b.entry().entry());
            CopyTranscoder.CopyBuffer buffer = new CopyTranscoder.CopyBuffer();
            while (transcoder.next()) {
                if (transcoder.width() != width) {
                    throw new RestoreException("table " + b.ref() + ": package line " + transcoder.line() + " has "
                            + transcoder.width() + " values for " + width + " columns");
                }
                transcoder.appendRow(chosen, buffer);
                if (buffer.length() >= FLUSH_BYTES) {
                    copy.writeToCopy(buffer.bytes(), 0, buffer.length());
                    buffer.clear();
                    progress.copied(b, transcoder.line());
                }
            }
            copy.writeToCopy(buffer.bytes(), 0, buffer.length());
            long copied = copy.endCopy();
            progress.copied(b, transcoder.line());
            return copied;
        } catch (SQLException | IOException | RuntimeException e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the COPY failed on the server already; its error is the one to report
                }
            }
            throw e;
        }
    }

    /** A failed COPY as a sentence: PostgreSQL's reason, the row it names, and the package line. */
    static String explain(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            StringBuilder sentence = new StringBuilder(m.getMessage());
            if (m.getDetail() != null) {
                sentence.append(" (").append(m.getDetail()).append(")");
            }
            if (m.getWhere() != null) {
                // "COPY t, line 7, column c: "x"": COPY counts the rows it was sent, which are the package's lines
                sentence.append(" at ").append(m.getWhere().replaceFirst("^COPY [^,]*, line ", "package line "));
            }
            return sentence.toString();
        }
        return e.getMessage();
    }
}
