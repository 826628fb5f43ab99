package org.lifeboat.restore;

import java.util.Locale;

/**
 * How a package is applied: {@code MERGE} upserts by primary key; {@code REPLACE} makes the scope's tables exactly
 * the package's (ids kept); {@code CLEAN} re-initialises the source to its baseline, then restores with
 * natural-key remapping.
 */
public enum RestoreMode {
    MERGE, REPLACE, CLEAN;

    public static RestoreMode parse(String text) {
        if (text == null || text.isBlank()) {
            return MERGE;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RestoreException("unknown restore mode '" + text + "'; use merge, replace or clean");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
