package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Exit codes decided before any request: usage errors and the clean-restore guard. */
class CommandLineUsageTest {

    private static final String NOWHERE = "--url=http://127.0.0.1:9/lifeboat";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Lifeboat.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void help_is_not_an_error() {
        assertEquals(0, run("--help"));
        assertEquals(0, run("restore", "--help"));
        assertTrue(out.toString().contains("6   server unreachable"), out.toString());
        assertTrue(out.toString().contains("--with-reinit"), out.toString());
    }

    @Test
    void unknown_commands_and_bad_arguments_are_usage_errors() {
        assertEquals(1, run());
        assertEquals(1, run("rstore", "3"));
        assertTrue(err.toString().contains("Did you mean: lifeboat restore"), err.toString());
        assertEquals(1, run("verify", "three"));
        assertEquals(1, run("restore", "3", "--mode", "wipe"));
        assertEquals(1, run(NOWHERE, "restore", "3", "--with-reinit", "--mode", "merge"));
        assertEquals(1, run(NOWHERE, "restore", "no/such/package.tar"));
    }

    @Test
    void a_clean_restore_without_confirm_is_refused_before_the_server_is_asked() {
        // the URL answers nothing: had a request been made, the exit code would be 6
        assertEquals(2, run(NOWHERE, "restore", "3", "--mode", "clean"));
        assertEquals(2, run(NOWHERE, "restore", "3", "--with-reinit", "--skip-interactive"));
        assertTrue(err.toString().startsWith("refused: a clean restore empties the source"), err.toString());
    }

    @Test
    void an_unreachable_server_is_exit_code_6() {
        assertEquals(6, run(NOWHERE, "list"));
        assertTrue(err.toString().startsWith("error: cannot reach Lifeboat at http://127.0.0.1:9/lifeboat"),
                err.toString());
    }
}
