package org.lifeboat.cli;

import java.util.Locale;

/** What an export or import covers: a whole department or one subsystem (as the source's profile defines them). */
enum TransferKind {
    DEPARTMENT, SUBSYSTEM;

    /** The path segment of {@code /exports/{source}/{kind}/{id}}. */
    String path() {
        return name().toLowerCase(Locale.ROOT);
    }
}
