package org.lifeboat.archive;

import java.nio.charset.StandardCharsets;

/** Names of package entries. Table names can hold any character, so they are percent-encoded into file names. */
public final class EntryNames {

    public static final String DATA_FOLDER = "data/";
    public static final String SCHEMA_ENTRY = "schema/schema.sql";

    private EntryNames() {}

    /**
     * Whether a link target climbs with {@code ..} after a name ({@code a/../b}): where that leads depends on what
     * {@code a} is on disk (a link makes {@code a/..} somewhere else), so such a target cannot be judged by its text.
     */
    public static boolean climbsAfterName(String target) {
        boolean named = false;
        for (String step : target.split("/")) {
            if (step.equals("..")) {
                if (named) {
                    return true;
                }
            } else if (!step.isEmpty() && !step.equals(".")) {
                named = true;
            }
        }
        return false;
    }

    public static String tableEntry(String schema, String table) {
        return DATA_FOLDER + safe(schema) + "." + safe(table) + ".jsonl.zst";
    }

    static String safe(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '$') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
