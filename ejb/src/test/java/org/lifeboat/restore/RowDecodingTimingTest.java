package org.lifeboat.restore;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.ByteSink;
import org.lifeboat.archive.RowDecoder;
import org.lifeboat.archive.RowEncoder;

/**
 * How long decoding a million package rows takes on each path: rows as Java strings (staging, dry runs), rows only
 * checked (verify, upload inspection) and rows as COPY text (the direct load), with Jackson's streaming parser
 * skipping the same tokens as a reference. Printed, not asserted: the numbers depend on the machine. Runs only
 * when asked for, {@code mvn -pl ejb test -Dtest=RowDecodingTimingTest -Dlifeboat.timing=true}.
 */
class RowDecodingTimingTest {

    private static final int ROWS = 1_000_000;
    private static final int ROUNDS = 5;

    /** A million rows shaped like the demo's: keys, names, timestamps, numerics, json with quotes, bytea, nulls. */
    private static byte[] rows() {
        ByteSink sink = new ByteSink(1 << 26);
        for (int i = 1; i <= ROWS; i++) {
            RowEncoder.encode(new String[] {Integer.toString(i), "user " + i + " Zürich",
                    "2026-11-21 02:00:" + (i % 60 < 10 ? "0" : "") + (i % 60) + ".123456+00",
                    i + "." + (i % 997), i % 5 == 0 ? null : "{\"k\": " + i + ", \"tags\": [\"a\", \"b\\\\c\"]}",
                    "\\x" + Integer.toHexString(i * 2654435761L > 0 ? i : -i) + "00ff", i % 3 == 0 ? "line\none" : ""},
                    sink);
        }
        return sink.toByteArray();
    }

    @Test
    void decoding_a_million_rows() throws IOException {
        assumeTrue(Boolean.getBoolean("lifeboat.timing"), "timing runs only with -Dlifeboat.timing=true");
        byte[] json = rows();
        System.out.printf("%d rows, %d MB of JSON lines%n", ROWS, json.length >> 20);
        time("strings (PackageStager)", () -> {
            long n = 0;
            try (PackageStager rows = PackageStager.read(new ByteArrayInputStream(json), "t")) {
                for (String[] row; (row = rows.next()) != null; ) {
                    n += row.length;
                }
            }
            return n;
        });
        time("strings (Jackson, reference)", () -> {
            long n = 0;
            try (JsonParser parser = new JsonFactory().createParser(new ByteArrayInputStream(json))) {
                List<String> values = new ArrayList<>();
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    values.clear();
                    for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
                        values.add(v == JsonToken.VALUE_NULL ? null : parser.getText());
                    }
                    n += values.toArray(String[]::new).length;
                }
            }
            return n;
        });
        time("tokens only (Jackson, reference)", () -> {
            long n = 0;
            try (JsonParser parser = new JsonFactory().createParser(new ByteArrayInputStream(json))) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    for (JsonToken v = parser.nextToken(); v != JsonToken.END_ARRAY; v = parser.nextToken()) {
                        n++;
                    }
                }
            }
            return n;
        });
        time("rows checked (RowDecoder)", () -> {
            RowDecoder rows = new RowDecoder(new ByteArrayInputStream(json), "t", 7);
            long n = 0;
            while (rows.next()) {
                n += rows.size();
            }
            return n;
        });
        int[] all = {0, 1, 2, 3, 4, 5, 6};
        time("COPY text (CopyTranscoder)", () -> {
            CopyTranscoder t = new CopyTranscoder(new ByteArrayInputStream(json), "t");
            CopyTranscoder.CopyBuffer out = new CopyTranscoder.CopyBuffer();
            long n = 0;
            while (t.next()) {
                t.appendRow(all, out);
                if (out.length() >= TranscodingPipeline.CHUNK_BYTES) {
                    n += out.length();
                    out.clear();
                }
            }
            return n + out.length();
        });
    }

    private interface Run {
        long run() throws IOException;
    }

    private static void time(String what, Run run) throws IOException {
        long[] millis = new long[ROUNDS];
        long result = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            result += run.run();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        System.out.printf("%-32s best %5d ms, median %5d ms (rounds %s; %d)%n", what, millis[0], millis[ROUNDS / 2],
                Arrays.toString(millis), result);
    }
}
