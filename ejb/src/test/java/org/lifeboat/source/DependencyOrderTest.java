package org.lifeboat.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

    private static TableRef t(String name) {
        return new TableRef("public", name);
    }

    private static ForeignKey fk(String from, String to) {
        return new ForeignKey(from + "_" + to + "_fk", t(from), List.of(to + "_id"), t(to), List.of("id"), false);
    }

    @Test
    void parents_come_before_children() {
        DependencyOrder order = DependencyOrder.of(List.of(t("po_items"), t("purchase_orders"), t("suppliers")),
                List.of(fk("po_items", "purchase_orders"), fk("purchase_orders", "suppliers")));
        assertEquals(List.of(t("suppliers"), t("purchase_orders"), t("po_items")), order.order());
        assertEquals(List.of(t("po_items"), t("purchase_orders"), t("suppliers")), order.reverseOrder());
        assertTrue(order.cycles().isEmpty());
    }

    @Test
    void a_self_reference_does_not_block_the_order() {
        DependencyOrder order = DependencyOrder.of(List.of(t("employee"), t("department")),
                List.of(fk("employee", "employee"), fk("employee", "department")));
        assertEquals(List.of(t("department"), t("employee")), order.order());
        assertEquals(Set.of(t("employee")), order.selfReferencing());
        assertTrue(order.cycles().isEmpty());
    }

    @Test
    void a_cycle_forms_one_group_placed_after_its_parents_and_before_its_children() {
        DependencyOrder order = DependencyOrder.of(
                List.of(t("a"), t("b"), t("c"), t("root"), t("leaf")),
                List.of(fk("a", "b"), fk("b", "c"), fk("c", "a"), fk("a", "root"), fk("leaf", "b")));
        assertEquals(List.of(Set.of(t("a"), t("b"), t("c"))), order.cycles());
        List<TableRef> o = order.order();
        assertEquals(t("root"), o.get(0));
        assertEquals(t("leaf"), o.get(4));
    }

    @Test
    void references_to_tables_outside_the_set_are_ignored() {
        DependencyOrder order = DependencyOrder.of(List.of(t("child")), List.of(fk("child", "elsewhere")));
        assertEquals(List.of(t("child")), order.order());
    }

    @Test
    void the_same_schema_always_gives_the_same_order() {
        List<TableRef> tables = List.of(t("z"), t("m"), t("a"), t("k"));
        List<ForeignKey> fks = List.of(fk("z", "a"));
        assertEquals(DependencyOrder.of(tables, fks).order(), DependencyOrder.of(List.of(t("k"), t("a"), t("m"), t("z")), fks).order());
    }

    @Test
    void a_long_chain_does_not_overflow_the_stack() {
        List<TableRef> tables = new java.util.ArrayList<>();
        List<ForeignKey> fks = new java.util.ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            tables.add(t("t" + i));
            if (i > 0) {
                fks.add(fk("t" + i, "t" + (i - 1)));
            }
        }
        List<TableRef> order = DependencyOrder.of(tables, fks).order();
        assertEquals(t("t0"), order.get(0));
        assertEquals(t("t19999"), order.get(19_999));
    }
}
