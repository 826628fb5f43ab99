package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lifeboat.source.TableRef;

class SchemaDifferenceTest {

    private static final TableRef USERS = new TableRef("public", "users");

    @Test
    void each_kind_reads_as_the_sentence_the_report_always_showed() {
        assertEquals("table public.users is in the package but not in the live database",
                new SchemaDifference(USERS, null, SchemaDifference.Kind.TABLE_MISSING, null, null).sentence());
        assertEquals("column public.users.email (text) is in the package but not in the live table",
                new SchemaDifference(USERS, "email", SchemaDifference.Kind.COLUMN_MISSING, "text", null).sentence());
        assertEquals("column public.users.id is bigint in the package but integer in the live table",
                new SchemaDifference(USERS, "id", SchemaDifference.Kind.TYPE_DIFFERS, "bigint", "integer").sentence());
        assertEquals("column public.users.tenant is NOT NULL in the live table but has no default and is missing from "
                + "the package", new SchemaDifference(USERS, "tenant",
                SchemaDifference.Kind.REQUIRED_COLUMN_NOT_IN_PACKAGE, null, "integer").sentence());
    }

    @Test
    void an_import_tells_a_shared_table_by_its_name_not_by_the_words_of_a_sentence() {
        // the old filter looked for ".users " in the sentence, so a table "app.users_archive" or a column named
        // users could be taken for the shared table; the value says which table it is
        SchemaDifference archive = new SchemaDifference(new TableRef("public", "users_archive"), "users",
                SchemaDifference.Kind.COLUMN_MISSING, "text", null);
        assertTrue(archive.sentence().contains(".users"));
        assertEquals(List.of(false, true), List.of(archive.table().isNamed("users"), USERS.isNamed("users")));
    }

    @Test
    void a_schema_mismatch_carries_its_differences_and_a_stable_reason() {
        SchemaDifference d = new SchemaDifference(USERS, null, SchemaDifference.Kind.TABLE_MISSING, null, null);
        RestoreFailure.SchemaMismatch failure = new RestoreFailure.SchemaMismatch(List.of(d));
        assertEquals(List.of(d), failure.differences());
        assertEquals("schema-mismatch", failure.reason().code());
        assertEquals("the package does not fit the live schema: " + d.sentence(), failure.getMessage());
    }
}
