package org.lifeboat.restore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a restore did, or (dry run) would do: per table the package rows and the rows inserted, updated and
 * deleted, the problems found (each a sentence naming table, row and reason), and the named counters of the
 * profile ({@code users_restored}...).
 */
public final class RestoreReport {

    /** Counts for one table. */
    public record TableCounts(String table, long rows, long inserted, long updated, long deleted, long matched) {}

    private final List<TableCounts> tables = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    public void add(TableCounts counts) {
        tables.add(counts);
    }

    public void problem(String sentence) {
        problems.add(sentence);
    }

    public void note(String sentence) {
        notes.add(sentence);
    }

    public void counter(String name, long value) {
        counters.put(name, value);
    }

    public List<TableCounts> tables() {
        return tables;
    }

    public List<String> problems() {
        return problems;
    }

    public List<String> notes() {
        return notes;
    }

    public Map<String, Long> counters() {
        return counters;
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Rows restored per table (inserted + updated + matched unchanged): what the package brought back. */
    public Map<String, Long> restoredPerTable() {
        Map<String, Long> map = new LinkedHashMap<>();
        tables.forEach(t -> map.put(t.table(), t.rows()));
        return map;
    }
}
