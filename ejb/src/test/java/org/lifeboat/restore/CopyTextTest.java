package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.lifeboat.archive.ByteSink;
import org.lifeboat.archive.RowDecoder;
import org.lifeboat.archive.RowEncoder;

/** COPY's text format, written from strings (staging) and from the decoder's UTF-8 bytes (the direct load) alike. */
class CopyTextTest {

    private static String copy(String value) throws IOException {
        StringBuilder out = new StringBuilder("|");
        CopyText.escape(value, out);
        String viaString = out.append('|').toString();
        ByteSink line = new ByteSink(64);
        RowEncoder.encode(new String[] {value}, line);
        RowDecoder rows = new RowDecoder(new ByteArrayInputStream(line.toByteArray()), "test", 1);
        assertTrue(rows.next());
        CopyTranscoder.CopyBuffer bytes = new CopyTranscoder.CopyBuffer();
        CopyText.escape(rows, 0, bytes);
        assertEquals(viaString, "|" + new String(bytes.bytes(), 0, bytes.length(), StandardCharsets.UTF_8) + "|",
                "the decoder's bytes are escaped as strings are");
        return viaString;
    }

    @Test
    void null_is_backslash_N_and_empty_stays_empty() throws IOException {
        assertEquals("|\\N|", copy(null));
        assertEquals("||", copy(""));
    }

    @Test
    void plain_text_is_copied_as_is() throws IOException {
        assertEquals("|Zürich 😀 {\"a\": 1}|", copy("Zürich 😀 {\"a\": 1}"));
        assertEquals("|\b\f\u0001\u007f\u2028|", copy("\b\f\u0001\u007f\u2028"));
    }

    @Test
    void backslash_tab_newline_and_carriage_return_are_escaped_wherever_they_are() throws IOException {
        assertEquals("|\\\\x00ff|", copy("\\x00ff"));
        assertEquals("|a\\tb\\nc\\rd\\\\|", copy("a\tb\nc\rd\\"));
        assertEquals("|\\t\\t|", copy("\t\t"));
        assertEquals("|\\n|", copy("\n"));
        assertEquals("|é\\\\€\\n😀|", copy("é\\€\n😀"));
    }
}
