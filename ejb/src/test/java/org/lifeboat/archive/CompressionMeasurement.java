package org.lifeboat.archive;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.postgresql.PGConnection;

/**
 * Measures the compression of table entries on real data: a main-method harness, not a test (the numbers in
 * docs/COMPRESSION-MEASUREMENTS.md come from it).
 *
 * <p>It reads the tables of one database the way a backup does (session settings of
 * {@code org.lifeboat.backup.SnapshotSession}, text format, primary-key order, fetch size 5,000), encodes every row
 * with {@link RowEncoder} into JSON Lines, cuts the lines into chunks of 10,000 rows (one frame each, as
 * {@link FramedPartFile} does), keeps the frames in memory and then, per codec and level, times compressing every
 * frame independently (a new compressor per frame, like {@link FramedPartFile#appendFrame}) and decompressing
 * them again. Codecs: {@code gzip-N} (java.util.zip, as today), {@code zstd-N} (zstd-jni's ZstdOutputStream /
 * ZstdInputStream, a new stream per frame, which is what commons-compress' ZstdCompressorOutputStream wraps),
 * {@code zstdctx-N} (zstd-jni one-shot with one reused ZstdCompressCtx / ZstdDecompressCtx). zstd frames carry
 * their content checksum (xxh64), as gzip members carry a CRC-32. Throughput is MB (10^6 bytes) of uncompressed
 * JSON Lines per second, single thread, wall clock and thread CPU time; after warm-up rounds (whose output is
 * checked byte for byte) it runs the timed rounds, codecs interleaved, and prints median and min-max.
 *
 * <p>Run it (from the repository root):
 * <pre>
 * mvn -q -pl ejb test-compile
 * mvn -q -pl ejb dependency:build-classpath -Dmdep.outputFile=/tmp/lifeboat-ejb.cp -Dmdep.includeScope=test
 * java -Xms4g -Xmx4g -cp ejb/target/test-classes:ejb/target/classes:$(cat /tmp/lifeboat-ejb.cp) \
 *     org.lifeboat.archive.CompressionMeasurement --url jdbc:postgresql://127.0.0.1:5432/edms --user lifeboat
 * </pre>
 * Options: {@code --url} (required), {@code --user}, {@code --password}, {@code --tables a,b,schema.c} (default:
 * every ordinary table outside the system schemas), {@code --label} (a name for the output), {@code --warmup 1},
 * {@code --reps 5}, {@code --chunk 10000}, {@code --fetch-reps 1} (extra timed passes of read+encode over JDBC),
 * {@code --codecs gzip-1,gzip-3,gzip-6,zstd-1,zstd-3,zstd-6} (add {@code zstdctx-3} etc. for the one-shot API).
 * The last lines it prints are Markdown table rows.
 */
public final class CompressionMeasurement {

    private static final double MB = 1_000_000d;
    private static final int FETCH_SIZE = 5_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CompressionMeasurement() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String url = require(options, "url");
        String label = options.getOrDefault("label", url.replaceAll(".*/", "").replaceAll("\\?.*", ""));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "1"));
        int reps = Integer.parseInt(options.getOrDefault("reps", "5"));
        int chunk = Integer.parseInt(options.getOrDefault("chunk", "10000"));
        int fetchReps = Integer.parseInt(options.getOrDefault("fetch-reps", "1"));
        List<Codec> codecs = Arrays.stream(options.getOrDefault("codecs", "gzip-1,gzip-3,gzip-6,zstd-1,zstd-3,zstd-6")
                .split(",")).map(String::trim).map(Codec::of).toList();

        Properties props = new Properties();
        props.setProperty("user", options.getOrDefault("user", "lifeboat"));
        if (options.containsKey("password")) {
            props.setProperty("password", options.get("password"));
        }
        props.setProperty("binaryTransfer", "false");

        System.out.printf(Locale.ROOT, "%s: java %s, %d cpus, zstd-jni %s%n", label,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                com.github.luben.zstd.util.ZstdVersion.VERSION);

        Dataset data;
        List<Double> fetchRates = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, props)) {
            prepare(connection);
            List<Table> tables = tables(connection, options.get("tables"));
            data = load(connection, tables, chunk, true);
            fetchRates.add(data.rawBytes / MB / (data.loadNanos / 1e9));
            for (int i = 1; i < fetchReps; i++) {
                Dataset again = load(connection, tables, chunk, false);
                fetchRates.add(again.rawBytes / MB / (again.loadNanos / 1e9));
            }
            connection.rollback();
        }
        System.out.printf(Locale.ROOT, "%s: %d tables, %,d rows, %,d frames, %,d bytes of JSON Lines (%.1f MB)%n",
                label, data.tables, data.rows, data.frames.size(), data.rawBytes, data.rawBytes / MB);
        for (String line : data.perTable) {
            System.out.println("  " + line);
        }
        System.out.printf(Locale.ROOT, "read over JDBC + encode, MB/s per pass (first pass cold): %s%n",
                fetchRates.stream().map(r -> String.format(Locale.ROOT, "%.1f", r)).collect(Collectors.joining(", ")));

        // raw encoding: String[] rows -> JSON Lines bytes, no compression
        Series encode = new Series("encode (no compression)");
        ByteSink lines = new ByteSink(1 << 24);
        for (int round = 0; round < warmup + reps; round++) {
            long wall = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long produced = 0;
            for (List<String[]> rows : data.chunks) {
                lines.reset();
                for (String[] row : rows) {
                    RowEncoder.encode(row, lines);
                }
                produced += lines.size();
            }
            if (produced != data.rawBytes) {
                throw new IllegalStateException("encoding is not stable: " + produced + " != " + data.rawBytes);
            }
            if (round >= warmup) {
                encode.add(data.rawBytes, System.nanoTime() - wall, THREADS.getCurrentThreadCpuTime() - cpu);
            }
        }
        data.chunks.clear(); // the rows are not needed any more

        // compression: warm-up rounds (checked), then timed rounds with the codecs interleaved
        Map<Codec, Series> compress = new LinkedHashMap<>();
        Map<Codec, Series> decompress = new LinkedHashMap<>();
        Map<Codec, Long> sizes = new LinkedHashMap<>();
        int maxFrame = data.frames.stream().mapToInt(f -> f.length).max().orElse(0);
        byte[] sink = new byte[maxFrame];
        for (Codec codec : codecs) {
            compress.put(codec, new Series(codec.name));
            decompress.put(codec, new Series(codec.name));
        }
        for (int round = 0; round < warmup + reps; round++) {
            boolean timed = round >= warmup;
            for (Codec codec : codecs) {
                List<byte[]> packed = new ArrayList<>(data.frames.size());
                long wall = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                long size = 0;
                for (byte[] frame : data.frames) {
                    byte[] out = codec.compress(frame);
                    size += out.length;
                    packed.add(out);
                }
                long wallC = System.nanoTime() - wall;
                long cpuC = THREADS.getCurrentThreadCpuTime() - cpu;
                wall = System.nanoTime();
                cpu = THREADS.getCurrentThreadCpuTime();
                long restored = 0;
                for (int i = 0; i < packed.size(); i++) {
                    int n = codec.decompress(packed.get(i), sink, data.frames.get(i).length);
                    restored += n;
                    if (!timed && !Arrays.equals(sink, 0, n, data.frames.get(i), 0, data.frames.get(i).length)) {
                        throw new IllegalStateException(codec.name + " did not give back frame " + i);
                    }
                }
                long wallD = System.nanoTime() - wall;
                long cpuD = THREADS.getCurrentThreadCpuTime() - cpu;
                if (restored != data.rawBytes) {
                    throw new IllegalStateException(codec.name + " restored " + restored + " bytes");
                }
                Long previous = sizes.put(codec, size);
                if (previous != null && previous != size) {
                    throw new IllegalStateException(codec.name + " is not deterministic");
                }
                if (timed) {
                    compress.get(codec).add(data.rawBytes, wallC, cpuC);
                    decompress.get(codec).add(data.rawBytes, wallD, cpuD);
                }
            }
            System.out.printf(Locale.ROOT, "round %d/%d done%s%n", round + 1, warmup + reps, timed ? "" : " (warm-up)");
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "%s: %.1f MB JSON Lines, %d timed rounds after %d warm-up; MB/s of uncompressed"
                + " data, median (min-max) wall clock, [median by thread CPU time]%n", label, data.rawBytes / MB, reps,
                warmup);
        System.out.println(encode.name + ": " + encode.summary());
        for (Codec codec : codecs) {
            long size = sizes.get(codec);
            System.out.printf(Locale.ROOT, "%-9s ratio %6.2f  %,14d bytes  compress %s  decompress %s%n", codec.name,
                    (double) data.rawBytes / size, size, compress.get(codec).summary(),
                    decompress.get(codec).summary());
        }
        System.out.println();
        System.out.println("| codec | ratio | size (MB) | compress MB/s | decompress MB/s | compress MB/s (CPU time) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT, "| none (encode only) | 1.00 | %.1f | %s | | %.0f |%n", data.rawBytes / MB,
                encode.markdown(), encode.cpuMedian());
        for (Codec codec : codecs) {
            long size = sizes.get(codec);
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %s | %s | %.0f |%n", codec.name,
                    (double) data.rawBytes / size, size / MB, compress.get(codec).markdown(),
                    decompress.get(codec).markdown(), compress.get(codec).cpuMedian());
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------

    private record Table(String schema, String name, List<String> columns, List<String> primaryKey) {
        String quoted() {
            return quote(schema) + "." + quote(name);
        }
    }

    private static final class Dataset {
        int tables;
        long rows;
        long rawBytes;
        long loadNanos;
        final List<byte[]> frames = new ArrayList<>();
        final List<List<String[]>> chunks = new ArrayList<>();
        final List<String> perTable = new ArrayList<>();
    }

    /** The settings of SnapshotSession, text format, a read-only repeatable-read transaction. */
    private static void prepare(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET IntervalStyle = 'postgres'");
            st.execute("SET extra_float_digits = '3'");
            st.execute("SET bytea_output = 'hex'");
            st.execute("SET client_encoding = 'UTF8'");
        }
        connection.unwrap(PGConnection.class).setPrepareThreshold(0);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
    }

    private static List<Table> tables(Connection connection, String only) throws SQLException {
        List<String[]> names = new ArrayList<>();
        if (only == null || only.isBlank()) {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                            + " AND n.nspname NOT LIKE 'pg\\_toast%' ORDER BY 1, 2")) {
                while (rs.next()) {
                    names.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        } else {
            for (String name : only.split(",")) {
                String trimmed = name.trim();
                int dot = trimmed.indexOf('.');
                names.add(dot < 0 ? new String[] {"public", trimmed}
                        : new String[] {trimmed.substring(0, dot), trimmed.substring(dot + 1)});
            }
        }
        List<Table> tables = new ArrayList<>();
        for (String[] name : names) {
            String regclass = quote(name[0]) + "." + quote(name[1]);
            List<String> columns = strings(connection, "SELECT attname FROM pg_attribute WHERE attrelid = ?::regclass"
                    + " AND attnum > 0 AND NOT attisdropped ORDER BY attnum", regclass);
            List<String> key = strings(connection, "SELECT a.attname FROM pg_index i"
                    + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                    + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                    + " WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.ord", regclass);
            tables.add(new Table(name[0], name[1], columns, key));
        }
        return tables;
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(rs.getString(1));
                }
            }
        }
        return result;
    }

    /** Reads and encodes every table as TableCursor + FramedPartFile would; keeps the frames (and rows) if asked. */
    private static Dataset load(Connection connection, List<Table> tables, int chunk, boolean keep)
            throws SQLException {
        Dataset data = new Dataset();
        data.tables = tables.size();
        ByteSink lines = new ByteSink(1 << 24);
        long start = System.nanoTime();
        for (Table table : tables) {
            String sql = "SELECT " + table.columns.stream().map(CompressionMeasurement::quote)
                    .collect(Collectors.joining(", ")) + " FROM " + table.quoted() + " t ORDER BY "
                    + (table.primaryKey.isEmpty() ? "(t.*)::text COLLATE \"C\""
                            : table.primaryKey.stream().map(CompressionMeasurement::quote)
                                    .collect(Collectors.joining(", ")));
            long tableRows = 0;
            long tableBytes = 0;
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    int width = table.columns.size();
                    List<String[]> rows = new ArrayList<>(chunk);
                    boolean more = true;
                    while (more) {
                        more = rs.next();
                        if (more) {
                            String[] row = new String[width];
                            for (int i = 0; i < width; i++) {
                                row[i] = rs.getString(i + 1);
                            }
                            rows.add(row);
                        }
                        if (rows.size() == chunk || (!more && !rows.isEmpty())) {
                            lines.reset();
                            for (String[] row : rows) {
                                RowEncoder.encode(row, lines);
                            }
                            tableRows += rows.size();
                            tableBytes += lines.size();
                            if (keep) {
                                data.frames.add(lines.toByteArray());
                                data.chunks.add(rows);
                            }
                            rows = new ArrayList<>(chunk);
                        }
                    }
                }
            }
            data.rows += tableRows;
            data.rawBytes += tableBytes;
            data.perTable.add(String.format(Locale.ROOT, "%-40s %,10d rows %,14d bytes%s", table.quoted(), tableRows,
                    tableBytes, table.primaryKey.isEmpty() ? " (no primary key)" : ""));
        }
        data.loadNanos = System.nanoTime() - start;
        return data;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    // ---- codecs --------------------------------------------------------------------------------------------

    private abstract static class Codec {
        final String name;
        final int level;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);

        Codec(String name, int level) {
            this.name = name;
            this.level = level;
        }

        static Codec of(String spec) {
            int dash = spec.lastIndexOf('-');
            String kind = spec.substring(0, dash);
            int level = Integer.parseInt(spec.substring(dash + 1));
            return switch (kind) {
                case "gzip" -> new Gzip(spec, level);
                case "zstd" -> new ZstdStream(spec, level);
                case "zstdctx" -> new ZstdOneShot(spec, level);
                default -> throw new IllegalArgumentException("unknown codec " + spec);
            };
        }

        abstract byte[] compress(byte[] frame) throws IOException;

        /** Decompresses one frame into {@code into} (large enough) and returns the length. */
        abstract int decompress(byte[] packed, byte[] into, int expected) throws IOException;

        static int readFully(InputStream in, byte[] into) throws IOException {
            int total = 0;
            for (int n; (n = in.read(into, total, Math.min(1 << 16, into.length - total))) > 0; ) {
                total += n;
            }
            if (in.read() != -1) {
                throw new IOException("frame larger than expected");
            }
            return total;
        }
    }

    /** Exactly FramedPartFile's member: a GZIPOutputStream with a 64 KiB buffer and the level set. */
    private static final class Gzip extends Codec {
        Gzip(String name, int level) {
            super(name, level);
        }

        @Override
        byte[] compress(byte[] frame) throws IOException {
            buffer.reset();
            try (OutputStream gzip = new LevelledGzip(buffer, level)) {
                gzip.write(frame);
            }
            return buffer.toByteArray();
        }

        @Override
        int decompress(byte[] packed, byte[] into, int expected) throws IOException {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed), 1 << 16)) {
                return readFully(in, into);
            }
        }
    }

    private static final class LevelledGzip extends GZIPOutputStream {
        LevelledGzip(OutputStream out, int level) throws IOException {
            super(out, 1 << 16);
            def.setLevel(level);
            def.setStrategy(Deflater.DEFAULT_STRATEGY);
        }
    }

    /** A new zstd stream per frame (what commons-compress' ZstdCompressorOutputStream wraps), with checksum. */
    private static final class ZstdStream extends Codec {
        ZstdStream(String name, int level) {
            super(name, level);
        }

        @Override
        byte[] compress(byte[] frame) throws IOException {
            buffer.reset();
            try (ZstdOutputStream zstd = new ZstdOutputStream(buffer, level)) {
                zstd.setChecksum(true);
                zstd.write(frame);
            }
            return buffer.toByteArray();
        }

        @Override
        int decompress(byte[] packed, byte[] into, int expected) throws IOException {
            try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(packed))) {
                return readFully(in, into);
            }
        }
    }

    /** zstd one-shot with reused contexts (the frame records its content size), with checksum. */
    private static final class ZstdOneShot extends Codec {
        private final ZstdCompressCtx compressor = new ZstdCompressCtx();
        private final ZstdDecompressCtx decompressor = new ZstdDecompressCtx();

        ZstdOneShot(String name, int level) {
            super(name, level);
            compressor.setLevel(level);
            compressor.setChecksum(true);
        }

        @Override
        byte[] compress(byte[] frame) {
            return compressor.compress(frame);
        }

        @Override
        int decompress(byte[] packed, byte[] into, int expected) {
            return decompressor.decompressByteArray(into, 0, into.length, packed, 0, packed.length);
        }
    }

    // ---- statistics ----------------------------------------------------------------------------------------

    private static final class Series {
        final String name;
        final List<Double> wall = new ArrayList<>();
        final List<Double> cpu = new ArrayList<>();

        Series(String name) {
            this.name = name;
        }

        void add(long bytes, long wallNanos, long cpuNanos) {
            wall.add(bytes / MB / (wallNanos / 1e9));
            cpu.add(bytes / MB / (cpuNanos / 1e9));
        }

        double cpuMedian() {
            return median(cpu);
        }

        String summary() {
            return String.format(Locale.ROOT, "%7.1f (%.1f-%.1f) [%.1f]", median(wall), min(wall), max(wall),
                    median(cpu));
        }

        String markdown() {
            return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", median(wall), min(wall), max(wall));
        }

        static double median(List<Double> values) {
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("usage: --url jdbc:postgresql://host/db [--user u] [--tables a,b]"
                        + " [--label x] [--warmup 1] [--reps 5] [--chunk 10000] [--fetch-reps 1] [--codecs ...]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
