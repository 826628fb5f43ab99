package org.lifeboat.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackupScopeTest {

    @Test
    void parses_every_documented_scope() {
        assertEquals(BackupScope.Kind.FULL, BackupScope.parse("full").kind());
        assertEquals(BackupScope.Kind.DATABASE, BackupScope.parse(null).kind());
        assertEquals("HR", BackupScope.parse("department:HR").argument());
        assertEquals("subsystem-HR1", BackupScope.parse("subsystem:HR1").label());
        assertEquals(List.of("a", "b"), BackupScope.parse("tables: a, b").tableNames());
        assertTrue(BackupScope.parse("full").includesStorage());
        assertTrue(BackupScope.parse("database").includesSchema());
    }

    @Test
    void refuses_unknown_and_incomplete_scopes_with_what_to_write() {
        assertTrue(assertThrows(InvalidScopeException.class, () -> BackupScope.parse("everything"))
                .getMessage().contains("use full, database"));
        assertTrue(assertThrows(InvalidScopeException.class, () -> BackupScope.parse("department:"))
                .getMessage().contains("needs a value"));
        assertTrue(assertThrows(InvalidScopeException.class, () -> BackupScope.parse("database:x"))
                .getMessage().contains("takes no value"));
    }

    @Test
    void an_empty_table_list_and_an_endless_scope_are_refused_without_echoing_it() {
        assertThrows(InvalidScopeException.class, () -> BackupScope.parse("tables:,,,"));
        String huge = "tables:" + "t,".repeat(2_500_000);
        InvalidScopeException e = assertThrows(InvalidScopeException.class, () -> BackupScope.parse(huge));
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
    }
}
