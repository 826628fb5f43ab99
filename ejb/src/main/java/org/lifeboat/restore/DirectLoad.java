package org.lifeboat.restore;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
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
 * upserted. The rows are turned into COPY text at byte level ({@link CopyTranscoder}: the one row decoder, {@link
 * org.lifeboat.archive.RowDecoder}, and the one COPY escaper, {@link CopyText}). PostgreSQL parses each value with
 * the column type's input function, exactly as the staged path's {@code text::type} casts do, so both paths give
 * the same rows. Which tables take it is decided once per job
 * (when the staging area is created) and kept in the staging schema, so a restart decides the same way.
 *
 * @param tables package table indexes (manifest order) that were not staged because their live table was empty
 * @param rows opens a table entry of the package, decompressed
 * @param progress told how many rows of a table were copied so far
 * @param threads makes the thread that decompresses and transcodes a table while its rows are sent (in the
 *     server: the managed thread factory)
 */
public record DirectLoad(Set<Integer> tables, Rows rows, Progress progress, ThreadFactory threads) {

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
        }, (table, rows) -> { }, Thread::new);
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
            try (ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM "
                    + org.lifeboat.source.Relations.own(c, b.ref()) + ")")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Truncates the table (empty, and locked by {@link #lockIfEmpty}) inside the current subtransaction, so that
     * {@code COPY ... FREEZE} may fill it: its rows are then written frozen and all-visible, as a VACUUM FREEZE
     * would leave them, which spares PostgreSQL the hint-bit writes and the freezing vacuum that a freshly loaded
     * table otherwise costs, and makes the COPY itself faster. Answers false, having changed nothing, where that
     * is not possible or not harmless: a transaction above READ COMMITTED (COPY FREEZE needs no older snapshot),
     * a table with TRUNCATE triggers (they would fire), or a TRUNCATE that PostgreSQL refuses (a foreign key from
     * another table still points to it, the role may not truncate it).
     */
    static boolean truncateForFreeze(Connection c, TableBinding b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('transaction_isolation') = 'read committed'"
                + " AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = to_regclass(?) AND (t.tgtype & 32) <> 0)")) {
            ps.setString(1, b.ref().quoted());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return false;
                }
            }
        }
        Savepoint savepoint = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("TRUNCATE ONLY " + b.ref().quoted());
            c.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException refused) {
            c.rollback(savepoint);
            return false;
        }
    }

    /**
     * Whether a COPY with FREEZE may have failed for FREEZE alone: "prior transaction activity" (25000), "not
     * truncated in the current subtransaction" (55000), a partitioned or foreign table (0A000). The load is then
     * run once more without FREEZE, which fails again if the cause was another.
     */
    static boolean freezeRefused(SQLException e) {
        return Set.of("25000", "55000", "0A000").contains(e.getSQLState());
    }

    /**
     * COPYs every row of the table's entry into the live table; answers the number of rows copied. The entry is
     * decompressed and transcoded on a thread of its own ({@link TranscodingPipeline}) while this one sends.
     *
     * @param freeze whether the table was truncated in this subtransaction ({@link #truncateForFreeze})
     */
    long copy(Connection c, TableBinding b, boolean freeze) throws SQLException, IOException {
        String columns = b.columns().stream().map(col -> TableRef.quote(col.name())).collect(Collectors.joining(", "));
        int width = b.entry().columns().size();
        int[] chosen = b.columns().stream().mapToInt(TableBinding.ColumnBinding::staged).toArray();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + b.ref().quoted() + " (" + columns + ") FROM STDIN" + (freeze ? " WITH (FREEZE)" : ""));
        try (TranscodingPipeline pipeline = new TranscodingPipeline(threads, () -> rows.open(b.entry()),
                b.entry().entry(), b.ref().toString(), width, chosen)) {
            while (true) {
                TranscodingPipeline.Chunk chunk = pipeline.take();
                copy.writeToCopy(chunk.buffer().bytes(), 0, chunk.buffer().length());
                pipeline.recycle(chunk);
                if (chunk.last()) {
                    long copied = copy.endCopy();
                    progress.copied(b, chunk.line());
                    return copied;
                }
                progress.copied(b, chunk.line());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(copy);
            throw new RestoreException("table " + b.ref() + ": the restore was interrupted while copying");
        } catch (SQLException | IOException | RuntimeException | Error e) {
            cancel(copy);
            throw e;
        }
    }

    private static void cancel(CopyIn copy) {
        if (copy.isActive()) {
            try {
                copy.cancelCopy();
            } catch (SQLException ignored) {
                // the COPY failed on the server already; its error is the one to report
            }
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
