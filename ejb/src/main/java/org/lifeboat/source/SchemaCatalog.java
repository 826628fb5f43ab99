package org.lifeboat.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What PostgreSQL's catalog says about the schemas of one source: tables, foreign keys and sequences. */
public record SchemaCatalog(List<Table> tables, List<ForeignKey> foreignKeys, List<SequenceRef> sequences) {

    public SchemaCatalog {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
        sequences = List.copyOf(sequences);
    }

    public Optional<Table> table(TableRef ref) {
        return tables.stream().filter(t -> t.ref().equals(ref)).findFirst();
    }

    /** Finds a table by a profile name ({@code t} or {@code s.t}); unqualified names must not be ambiguous. */
    public Optional<Table> table(String profileName) {
        List<Table> found = tables.stream().filter(t -> t.ref().isNamed(profileName)).toList();
        if (found.size() > 1) {
            throw new IllegalArgumentException("table name '" + profileName + "' is ambiguous: " + found.stream()
                    .map(t -> t.ref().toString()).collect(Collectors.joining(", ")) + "; qualify it with its schema");
        }
        return found.stream().findFirst();
    }

    public Map<TableRef, Table> byRef() {
        return tables.stream().collect(Collectors.toMap(Table::ref, Function.identity()));
    }

    /** The dependency order of all tables of this catalog. */
    public DependencyOrder dependencyOrder() {
        return DependencyOrder.of(tables.stream().map(Table::ref).toList(), foreignKeys);
    }
}
