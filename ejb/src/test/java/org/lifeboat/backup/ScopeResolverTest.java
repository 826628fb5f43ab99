package org.lifeboat.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lifeboat.source.Column;
import org.lifeboat.source.Profile;
import org.lifeboat.source.SchemaCatalog;
import org.lifeboat.source.Table;
import org.lifeboat.source.TableRef;

class ScopeResolverTest {

    private static Table table(String name) {
        return new Table(new TableRef("public", name),
                List.of(new Column("id", "integer", Column.TypeKind.BASE, true, false, true)), List.of("id"), 10);
    }

    private static final SchemaCatalog CATALOG = new SchemaCatalog(
            List.of(table("orders"), table("order_lines"), table("sessions"), table("audit_2025")), List.of(), List.of());

    private static Profile profile(List<String> include, List<String> exclude) {
        return new Profile("shop", null, "java:/ShopDS", null, include, exclude, Map.of(), Map.of(), List.of(),
                List.of(new Profile.Department("SALES", "Sales", List.of(
                        new Profile.Subsystem("SALES1", "Orders", List.of("orders", "order_lines"))))),
                List.of(), List.of(), List.of(), null, Map.of(), null, Path.of("shop.yaml"));
    }

    private static List<String> names(List<Table> tables) {
        return tables.stream().map(t -> t.ref().name()).toList();
    }

    @Test
    void a_whole_database_backup_takes_every_included_table_not_excluded() {
        assertEquals(List.of("orders", "order_lines", "audit_2025"),
                names(ScopeResolver.tables(profile(List.of("*"), List.of("sessions")), CATALOG,
                        BackupScope.parse("database"))));
    }

    @Test
    void a_table_neither_included_nor_excluded_fails_the_backup_loudly() {
        InvalidScopeException e = assertThrows(InvalidScopeException.class, () -> ScopeResolver.tables(
                profile(List.of("order*"), List.of("sessions")), CATALOG, BackupScope.parse("full")));
        assertTrue(e.getMessage().contains("[public.audit_2025]") && e.getMessage().contains("shop.yaml"),
                e.getMessage());
    }

    @Test
    void department_and_subsystem_scopes_take_their_tables_and_unknown_ids_list_the_known_ones() {
        Profile p = profile(List.of("*"), List.of());
        assertEquals(List.of("order_lines", "orders"), names(ScopeResolver.tables(p, CATALOG,
                BackupScope.parse("department:SALES"))));
        assertTrue(assertThrows(InvalidScopeException.class, () -> ScopeResolver.tables(p, CATALOG,
                BackupScope.parse("subsystem:HR1"))).getMessage().contains("known: SALES1"));
        assertTrue(assertThrows(InvalidScopeException.class, () -> ScopeResolver.tables(p, CATALOG,
                BackupScope.parse("tables:orders,ghost"))).getMessage().contains("'ghost'"));
    }
}
