package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.ByteSink;
import org.lifeboat.archive.RowEncoder;

/**
 * The byte-level transcoder must give exactly the COPY text that the string path gives (strings from
 * {@link PackageStager}, then {@link CopyText#escape(String, StringBuilder)}) for whatever the backup's encoder writes,
 * and refuse what is not a row.
 */
class CopyTranscoderTest {

    /** COPY text of every row through the string path: PackageStager's strings and CopyText. */
    private static String viaStrings(byte[] json, int[] chosen) throws IOException {
        StringBuilder out = new StringBuilder();
        try (PackageStager rows = PackageStager.read(new ByteArrayInputStream(json), "test")) {
            for (String[] row; (row = rows.next()) != null; ) {
                for (int i = 0; i < chosen.length; i++) {
                    if (i > 0) {
                        out.append('\t');
                    }
                    CopyText.escape(row[chosen[i]], out);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String viaBytes(InputStream json, int[] chosen) throws IOException {
        CopyTranscoder t = new CopyTranscoder(json, "test");
        CopyTranscoder.CopyBuffer out = new CopyTranscoder.CopyBuffer();
        while (t.next()) {
            t.appendRow(chosen, out);
        }
        return new String(out.bytes(), 0, out.length(), StandardCharsets.UTF_8);
    }

    private static byte[] encode(List<String[]> rows) {
        ByteSink sink = new ByteSink(1024);
        rows.forEach(r -> RowEncoder.encode(r, sink));
        return sink.toByteArray();
    }

    /** Serves one byte per read call at most: every buffer refill boundary falls everywhere. */
    private static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            private int i;

            @Override
            public int read() {
                return i < bytes.length ? bytes[i++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (i >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[i++];
                return 1;
            }
        };
    }

    @Test
    void special_characters_become_copy_escapes_and_nulls_backslash_N() throws IOException {
        List<String[]> rows = List.<String[]>of(
                new String[] {"plain", null, "", "tab\there", "nl\nand\rcr", "back\\slash", "\\x00ff"},
                new String[] {"quote \" and / slash", "\b\f\u0001\u001f\u007f", "Zürich 😀 ✓", "{\"a\": [1, null]}",
                        null, "\u2028\u2029", "end\\"});
        byte[] json = encode(rows);
        int[] all = IntStream.range(0, 7).toArray();
        assertEquals(viaStrings(json, all), viaBytes(new ByteArrayInputStream(json), all));
        assertEquals(viaStrings(json, all), viaBytes(trickle(json), all));
        assertTrue(viaBytes(new ByteArrayInputStream(json), all).startsWith(
                "plain\t\\N\t\ttab\\there\tnl\\nand\\rcr\tback\\\\slash\t\\\\x00ff\n"));
    }

    @Test
    void a_chosen_subset_of_columns_comes_out_in_the_chosen_order() throws IOException {
        byte[] json = encode(List.<String[]>of(new String[] {"a", "b", null, "d"}));
        assertEquals("d\ta\t\\N\n", viaBytes(new ByteArrayInputStream(json), new int[] {3, 0, 2}));
    }

    @Test
    void random_text_gives_the_same_copy_text_both_ways() throws IOException {
        Random random = new Random(20261122);
        String alphabet = "ab \t\n\r\\\"/\u0001\u001f\u007fé€😀\u2028{}[],:";
        List<String[]> rows = new ArrayList<>();
        for (int r = 0; r < 2000; r++) {
            String[] row = new String[1 + random.nextInt(6)];
            for (int c = 0; c < row.length; c++) {
                if (random.nextInt(8) == 0) {
                    continue;
                }
                StringBuilder v = new StringBuilder();
                for (int n = random.nextInt(40); n > 0; n--) {
                    v.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                row[c] = v.toString();
            }
            rows.add(row);
        }
        for (String[] row : rows) {
            byte[] json = encode(List.<String[]>of(row));
            int[] all = IntStream.range(0, row.length).toArray();
            assertEquals(viaStrings(json, all), viaBytes(new ByteArrayInputStream(json), all));
        }
        byte[] all = encode(rows.stream().filter(r -> r.length == 3).toList());
        assertEquals(viaStrings(all, new int[] {0, 1, 2}), viaBytes(trickle(all), new int[] {0, 1, 2}));
    }

    @Test
    void json_escapes_written_by_other_encoders_are_understood() throws IOException {
        byte[] json = "[ \"\\u00e9\\ud83d\\ude00\\n\\u005c\" ,\tnull ]\n[]\n".getBytes(StandardCharsets.UTF_8);
        CopyTranscoder t = new CopyTranscoder(new ByteArrayInputStream(json), "test");
        CopyTranscoder.CopyBuffer out = new CopyTranscoder.CopyBuffer();
        assertTrue(t.next());
        assertEquals(2, t.width());
        t.appendRow(new int[] {0, 1}, out);
        assertTrue(t.next());
        assertEquals(0, t.width());
        assertFalse(t.next());
        assertEquals("é😀\\n\\\\\t\\N\n", new String(out.bytes(), 0, out.length(), StandardCharsets.UTF_8));
    }

    @Test
    void what_is_not_a_row_is_refused_with_its_line() {
        for (String bad : List.of("[\"a\"]\n{\"a\":1}", "[\"a\"]\n[1]", "[\"a\"]\n[\"a\" \"b\"]", "[\"a\"]\n[\"x",
                "[\"a\"]\n[\"\\q\"]", "[\"a\"]\n[\"\\ud800\"]", "[\"a\"]\n[\"\\udc00\"]", "[\"a\"]\n[\"a\tb\"]",
                "[\"a\"]\n[nul]", "[\"a\"]\n[\"a\",", "[\"a\"]\n[\"\\u12g4\"]")) {
            RestoreException e = assertThrows(RestoreException.class, () -> {
                CopyTranscoder t = new CopyTranscoder(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                        "data/x.jsonl.zst");
                while (t.next()) {
                    // reading until the refusal
                }
            }, bad);
            assertTrue(e.getMessage().startsWith("data/x.jsonl.zst: line 2: "), bad + " -> " + e.getMessage());
        }
    }
}
