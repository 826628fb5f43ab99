package org.lifeboat.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What a rescan accepts from a bucket's manifests and sidecars: hostile input, checked before it is catalogued. */
class RescanChecksTest {

    @Test
    void every_scope_a_backup_writes_is_accepted_as_written() throws IOException {
        for (String scope : new String[] {"full", "database", "storage", "configuration", "department:HR",
                "subsystem:CT1", "tables:public.users,orders", "tables:users_user"}) {
            assertEquals(scope, OffsiteCopies.checkedScope(scope, "k"));
        }
    }

    @Test
    void a_missing_or_unknown_scope_and_a_source_that_is_not_a_name_are_refused() {
        assertTrue(assertThrows(IOException.class, () -> OffsiteCopies.checkedScope(null, "k")).getMessage()
                .contains("names no scope"));
        assertThrows(IOException.class, () -> OffsiteCopies.checkedScope("  ", "k"));
        assertTrue(assertThrows(IOException.class, () -> OffsiteCopies.checkedScope("everything", "k"))
                .getMessage().contains("unknown scope"));
        assertThrows(IOException.class, () -> OffsiteCopies.checkedScope("tables:", "k"));
        assertThrows(IOException.class, () -> OffsiteCopies.checkedSource("../etc", "k"));
        assertThrows(IOException.class, () -> OffsiteCopies.checkedSource("HMS", "k"));
        assertThrows(IOException.class, () -> OffsiteCopies.checkedSource(null, "k"));
    }
}
