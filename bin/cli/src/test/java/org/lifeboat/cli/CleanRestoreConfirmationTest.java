package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CleanRestoreConfirmationTest {

    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

    private boolean typed(String stdin) throws Exception {
        return CleanRestoreConfirmation.ask("edms", new BufferedReader(new StringReader(stdin)),
                new PrintStream(shown, true, StandardCharsets.UTF_8));
    }

    @Test
    void typing_RESTORE_CLEAN_confirms() throws Exception {
        assertTrue(typed("RESTORE CLEAN\n"));
        assertEquals("Type RESTORE CLEAN to empty edms and restore it: ", shown.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_windows_line_end_still_confirms() throws Exception {
        assertTrue(typed("RESTORE CLEAN\r\n"));
    }

    @Test
    void lower_case_is_refused() throws Exception {
        assertFalse(typed("restore clean\n"));
    }

    @Test
    void anything_else_is_refused() throws Exception {
        assertFalse(typed("yes\n"));
        assertFalse(typed(" RESTORE CLEAN\n"));
        assertFalse(typed("RESTORE CLEAN please\n"));
        assertFalse(typed("\n"));
    }

    @Test
    void no_answer_at_all_is_refused() throws Exception {
        assertFalse(typed(""));
    }

    @Test
    void an_unknown_source_is_named_as_the_packages() throws Exception {
        CleanRestoreConfirmation.ask(null, new BufferedReader(new StringReader("")),
                new PrintStream(shown, true, StandardCharsets.UTF_8));
        assertEquals("Type RESTORE CLEAN to empty the package's source and restore it: ",
                shown.toString(StandardCharsets.UTF_8));
    }
}
