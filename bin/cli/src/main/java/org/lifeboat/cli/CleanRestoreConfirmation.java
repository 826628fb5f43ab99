package org.lifeboat.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The typed confirmation of a clean restore: the user must type exactly {@value #PHRASE}. The answer is read from
 * standard input, so a script can pipe it in; end of input counts as no.
 */
public final class CleanRestoreConfirmation {

    public static final String PHRASE = "RESTORE CLEAN";

    private CleanRestoreConfirmation() {}

    /**
     * @param source what is going to be emptied, or null when it is not known before the upload
     * @return true only when the line typed is exactly {@value #PHRASE}
     */
    public static boolean ask(String source, BufferedReader in, PrintStream prompt) throws IOException {
        prompt.print("Type " + PHRASE + " to empty " + (source == null ? "the package's source" : source)
                + " and restore it: ");
        prompt.flush();
        String line = in.readLine();
        if (line == null) {
            return false;
        }
        return PHRASE.equals(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
