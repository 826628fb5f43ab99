package org.lifeboat.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders tables so that every table comes after the tables it references: the order in which a restore loads
 * them. Self-references are ignored for the order (rows of one table are loaded together, constraints checked at
 * commit); tables that reference each other in a cycle form one group, reported by {@link #cycles()}. Ties are
 * broken by name, so the same schema always gives the same order.
 */
public final class DependencyOrder {

    private final List<TableRef> order;
    private final List<Set<TableRef>> cycles;
    private final Set<TableRef> selfReferencing;

    private DependencyOrder(List<TableRef> order, List<Set<TableRef>> cycles, Set<TableRef> selfReferencing) {
        this.order = List.copyOf(order);
        this.cycles = List.copyOf(cycles);
        this.selfReferencing = Set.copyOf(selfReferencing);
    }

    public static DependencyOrder of(Collection<TableRef> tables, Collection<ForeignKey> foreignKeys) {
        Set<TableRef> known = new TreeSet<>(tables);
        Map<TableRef, Set<TableRef>> parents = new TreeMap<>();
        known.forEach(t -> parents.put(t, new TreeSet<>()));
        Set<TableRef> selfReferencing = new HashSet<>();
        for (ForeignKey fk : foreignKeys) {
            if (!known.contains(fk.from()) || !known.contains(fk.to())) {
                continue;
            }
            if (fk.isSelfReference()) {
                selfReferencing.add(fk.from());
            } else {
                parents.get(fk.from()).add(fk.to());
            }
        }
        List<Set<TableRef>> components = new Tarjan(parents).components();
        // Tarjan emits a component only after every component it depends on: already parents-first.
        List<TableRef> order = new ArrayList<>();
        List<Set<TableRef>> cycles = new ArrayList<>();
        for (Set<TableRef> component : components) {
            order.addAll(component);
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
        return new DependencyOrder(order, cycles, selfReferencing);
    }

    /** Parents before children. */
    public List<TableRef> order() {
        return order;
    }

    /** Children before parents: the order for deleting rows. */
    public List<TableRef> reverseOrder() {
        List<TableRef> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** Groups of tables that reference each other (directly or through others). */
    public List<Set<TableRef>> cycles() {
        return cycles;
    }

    public Set<TableRef> selfReferencing() {
        return selfReferencing;
    }

    public int position(TableRef table) {
        return order.indexOf(table);
    }

    /** Iterative Tarjan's strongly connected components over "depends on" edges, deterministic by name. */
    private static final class Tarjan {
        private final Map<TableRef, Set<TableRef>> edges;
        private final Map<TableRef, Integer> index = new HashMap<>();
        private final Map<TableRef, Integer> low = new HashMap<>();
        private final Deque<TableRef> stack = new ArrayDeque<>();
        private final Set<TableRef> onStack = new HashSet<>();
        private final List<Set<TableRef>> result = new ArrayList<>();
        private int counter;

        Tarjan(Map<TableRef, Set<TableRef>> edges) {
            this.edges = edges;
        }

        List<Set<TableRef>> components() {
            for (TableRef t : edges.keySet()) {
                if (!index.containsKey(t)) {
                    visit(t);
                }
            }
            return result;
        }

        private void visit(TableRef root) {
            Deque<Object[]> frames = new ArrayDeque<>();
            enter(root);
            frames.push(new Object[] {root, new ArrayList<>(edges.get(root)).iterator()});
            while (!frames.isEmpty()) {
                Object[] frame = frames.peek();
                TableRef node = (TableRef) frame[0];
                @SuppressWarnings("unchecked")
                var next = (java.util.Iterator<TableRef>) frame[1];
                if (next.hasNext()) {
                    TableRef child = next.next();
                    if (!index.containsKey(child)) {
                        enter(child);
                        frames.push(new Object[] {child, new ArrayList<>(edges.get(child)).iterator()});
                    } else if (onStack.contains(child)) {
                        low.put(node, Math.min(low.get(node), index.get(child)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    TableRef parent = (TableRef) frames.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    Set<TableRef> component = new TreeSet<>();
                    TableRef member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    result.add(new LinkedHashSet<>(component));
                }
            }
        }

        private void enter(TableRef t) {
            index.put(t, counter);
            low.put(t, counter);
            counter++;
            stack.push(t);
            onStack.add(t);
        }
    }
}
