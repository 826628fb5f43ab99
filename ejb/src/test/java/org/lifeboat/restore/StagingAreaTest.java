package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StagingAreaTest {

    private static String copy(String value) {
        StringBuilder out = new StringBuilder("|");
        StagingArea.copyValue(value, out);
        return out.append('|').toString();
    }

    @Test
    void null_is_backslash_N_and_empty_stays_empty() {
        assertEquals("|\\N|", copy(null));
        assertEquals("||", copy(""));
    }

    @Test
    void plain_text_is_copied_as_is() {
        assertEquals("|Zürich 😀 {\"a\": 1}|", copy("Zürich 😀 {\"a\": 1}"));
    }

    @Test
    void backslash_tab_newline_and_carriage_return_are_escaped_wherever_they_are() {
        assertEquals("|\\\\x00ff|", copy("\\x00ff"));
        assertEquals("|a\\tb\\nc\\rd\\\\|", copy("a\tb\nc\rd\\"));
        assertEquals("|\\t\\t|", copy("\t\t"));
        assertEquals("|\\n|", copy("\n"));
    }
}
