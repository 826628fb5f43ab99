package org.lifeboat.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.RowFormatException.Kind;

/**
 * The one reader of table entries: every value the format carries comes back exactly, and every line that is not a
 * row is one {@link RowFormatException} naming the entry, the line and the reason.
 */
class RowDecoderTest {

    private static final String ENTRY = "data/public.t.jsonl.zst";

    private static List<String[]> decode(byte[] lines, int width) throws IOException {
        RowDecoder rows = new RowDecoder(new ByteArrayInputStream(lines), ENTRY, width);
        List<String[]> out = new ArrayList<>();
        while (rows.next()) {
            assertEquals(out.size() + 1, rows.line());
            out.add(rows.row());
        }
        return out;
    }

    private static List<String[]> decode(String lines, int width) throws IOException {
        return decode(lines.getBytes(StandardCharsets.UTF_8), width);
    }

    private static RowFormatException refused(String lines, int width, long line, Kind kind, String reason) {
        return refused(lines.getBytes(StandardCharsets.UTF_8), width, line, kind, reason);
    }

    private static RowFormatException refused(byte[] lines, int width, long line, Kind kind, String reason) {
        RowFormatException e = assertThrows(RowFormatException.class, () -> decode(lines, width),
                new String(lines, StandardCharsets.UTF_8));
        assertEquals(ENTRY, e.entry());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.reason().contains(reason), e.getMessage());
        assertEquals(ENTRY + ": line " + line + ": " + e.reason(), e.getMessage());
        return e;
    }

    @Test
    void every_value_the_encoder_writes_comes_back_exactly() throws IOException {
        String[] row = {null, "", "plain", "quote \" slash / back\\slash", "\b\f\n\r\t\u0001\u001f\u007f",
                "Zürich € 😀 \u2028\u2029", "\\x00ff7f", "{\"a\": [1, null, true], \"a\": \"dup\"}",
                "{1,NULL,\"x y\"}", "123456789012345678901234567890.000000001", "2026-11-21 02:00:00+00", "t"};
        ByteSink sink = new ByteSink(256);
        RowEncoder.encode(row, sink);
        RowEncoder.encode(new String[row.length], sink);
        List<String[]> rows = decode(sink.toByteArray(), row.length);
        assertEquals(2, rows.size());
        assertArrayEquals(row, rows.get(0));
        assertArrayEquals(new String[row.length], rows.get(1));
    }

    @Test
    void every_json_escape_is_understood_and_spaces_between_tokens_are_accepted() throws IOException {
        List<String[]> rows = decode("[ \"\\\"\\\\\\/\\b\\f\\n\\r\\t\" ,\t\"\\u00e9\\u20AC\\ud83d\\ude00\\u0041\" , null ]\n"
                + "[]\n", RowDecoder.ANY_WIDTH);
        assertArrayEquals(new String[] {"\"\\/\b\f\n\r\t", "é€😀A", null}, rows.get(0));
        assertArrayEquals(new String[0], rows.get(1));
    }

    @Test
    void an_empty_entry_has_no_rows() throws IOException {
        assertTrue(decode("", 3).isEmpty());
    }

    @Test
    void plain_values_and_the_characters_escapes_put_in_the_others_are_told_apart() throws IOException {
        RowDecoder rows = new RowDecoder(new ByteArrayInputStream(
                "[\"a\\\"b\",\"tab\\there\\\\\",null]\n".getBytes(StandardCharsets.UTF_8)), ENTRY, 3);
        assertTrue(rows.next());
        assertTrue(rows.plain(0), "a quote is no special character");
        assertFalse(rows.plain(1));
        assertEquals(2, rows.specialTo(1) - rows.specialFrom(1));
        assertEquals('\t', rows.bytes()[rows.special(rows.specialFrom(1))]);
        assertEquals('\\', rows.bytes()[rows.special(rows.specialFrom(1) + 1)]);
        assertTrue(rows.isNull(2));
        assertTrue(rows.plain(2));
    }

    @Test
    void a_nul_character_is_refused_since_postgresql_text_cannot_hold_it() {
        refused("[\"a\",null]\n[\"x\",\"a\\u0000b\"]\n", 2, 2, Kind.NOT_TEXT, "value 2 holds U+0000");
    }

    @Test
    void unpaired_surrogates_are_refused() {
        refused("[\"\\ud800\"]\n", 1, 1, Kind.NOT_TEXT, "unpaired surrogate \\ud800");
        refused("[\"\\udc00x\"]\n", 1, 1, Kind.NOT_TEXT, "unpaired surrogate \\udc00");
        refused("[\"\\ud800\\u0041\"]\n", 1, 1, Kind.NOT_TEXT, "unpaired surrogate");
    }

    @Test
    void numbers_booleans_objects_and_nested_arrays_are_the_wrong_type() {
        refused("[\"1\",1,null]\n", 3, 1, Kind.WRONG_TYPE, "value 2 is a JSON number");
        refused("[\"1\",-0.5e3]\n", 2, 1, Kind.WRONG_TYPE, "value 2 is a JSON number");
        refused("[true]\n", 1, 1, Kind.WRONG_TYPE, "value 1 is a JSON boolean");
        refused("[\"a\",false]\n", 2, 1, Kind.WRONG_TYPE, "value 2 is a JSON boolean");
        refused("[{\"a\":1}]\n", 1, 1, Kind.WRONG_TYPE, "value 1 is a JSON object");
        refused("[[\"a\"]]\n", 1, 1, Kind.WRONG_TYPE, "value 1 is a JSON array");
        refused("[\"a\"]\n{\"a\":\"b\"}\n", 1, 2, Kind.WRONG_TYPE, "is a JSON object, not an array of column values");
        refused("\"a\"\n", 1, 1, Kind.WRONG_TYPE, "is a JSON string, not an array");
        refused("null\n", 1, 1, Kind.WRONG_TYPE, "is a JSON null, not an array");
    }

    @Test
    void a_row_of_the_wrong_width_is_refused_with_its_line() {
        refused("[\"1\",\"2\",\"3\"]\n[\"1\",\"2\"]\n", 3, 2, Kind.WRONG_WIDTH, "has 2 values for 3 columns");
        refused("[\"1\",\"2\",\"3\",null]\n", 3, 1, Kind.WRONG_WIDTH, "has 4 values for 3 columns");
        refused("[]\n", 3, 1, Kind.WRONG_WIDTH, "has 0 values for 3 columns");
    }

    @Test
    void truncated_rows_are_refused() {
        refused("[\"a\"]\n[\"abc", 1, 2, Kind.NOT_JSON, "ends inside a string");
        refused("[\"a\"]\n[\"a\",", 1, 2, Kind.NOT_JSON, "ends inside the row");
        refused("[\"a\"]\n[\"a\"", 1, 2, Kind.NOT_JSON, "ends inside the row");
        refused("[\"a\"]\n[", 1, 2, Kind.NOT_JSON, "ends inside the row");
        refused("[\"a\\u00", 1, 1, Kind.NOT_JSON, "invalid \\u escape");
    }

    @Test
    void malformed_json_is_refused() {
        refused("[nul]\n", 1, 1, Kind.NOT_JSON, "value 1 is neither a string, null");
        refused("[\"a\" \"b\"]\n", 2, 1, Kind.NOT_JSON, "holds '\"' where ',' or ']' belongs");
        refused("[\"a\",,\"b\"]\n", 3, 1, Kind.NOT_JSON, "value 2 is neither");
        refused("[01]\n", 1, 1, Kind.NOT_JSON, "value 1 is neither");
        refused("[\"\\q\"]\n", 1, 1, Kind.NOT_JSON, "invalid escape");
        refused("[\"a\tb\"]\n", 1, 1, Kind.NOT_JSON, "raw control character (0x9)");
        refused("[\"a\nb\"]\n", 1, 1, Kind.NOT_JSON, "raw control character (0xa)");
        refused("[\"a\",\n\"b\"]\n", 2, 1, Kind.NOT_JSON, "value 2 is neither");
        refused("[\"a\"\n,\"b\"]\n", 2, 1, Kind.NOT_JSON, "breaks the line inside the row");
        refused("x\n", 1, 1, Kind.NOT_JSON, "does not start with a JSON value");
    }

    @Test
    void bytes_that_are_not_utf8_are_refused() {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xC0, (byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80})) {
            byte[] line = new byte[bad.length + 5];
            line[0] = '[';
            line[1] = '"';
            System.arraycopy(bad, 0, line, 2, bad.length);
            line[bad.length + 2] = '"';
            line[bad.length + 3] = ']';
            line[bad.length + 4] = '\n';
            refused(line, 1, 1, Kind.NOT_JSON, "not UTF-8");
        }
    }

    @Test
    void rows_are_one_per_line_with_nothing_before_between_or_after() {
        refused("[\"a\"] [\"b\"]\n", 1, 2, Kind.NOT_ONE_PER_LINE, "does not start line 2");
        refused("[\"a\"]x\n", 1, 2, Kind.NOT_ONE_PER_LINE, "does not start line 2");
        refused("[\"a\"]\r\n[\"b\"]\n", 1, 2, Kind.NOT_ONE_PER_LINE, "does not start line 2");
        refused("[\"a\"]\n\n[\"b\"]\n", 1, 2, Kind.NOT_ONE_PER_LINE, "does not start line 2");
        refused(" [\"a\"]\n", 1, 1, Kind.NOT_ONE_PER_LINE, "does not start line 1");
        refused("[\"a\"]\n ", 1, 2, Kind.NOT_ONE_PER_LINE, "does not start line 2");
        refused("[\"a\"]\n[\"b\"]", 1, 2, Kind.NOT_ONE_PER_LINE, "does not end with a line break");
    }

    @Test
    void a_value_across_many_buffer_refills_comes_back_whole() throws IOException {
        String big = "é😀\\".repeat(40_000) + "x";
        ByteSink sink = new ByteSink(1 << 20);
        RowEncoder.encode(new String[] {big, null}, sink);
        RowEncoder.encode(new String[] {"", big}, sink);
        List<String[]> rows = decode(sink.toByteArray(), 2);
        assertArrayEquals(new String[] {big, null}, rows.get(0));
        assertArrayEquals(new String[] {"", big}, rows.get(1));
    }
}
