package org.lifeboat.restore;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a restore report, as REST returns it and the catalog stores it: per-table counts under
 * {@code counts}, details under {@code tables}, the profile's counters ({@code users_restored}...) at the top.
 */
public final class RestoreReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestoreReportJson() {}

    public static Map<String, Object> toMap(RestoreReport report) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("ok", report.ok());
        Map<String, Long> counts = new LinkedHashMap<>();
        List<Map<String, Object>> tables = new ArrayList<>();
        for (RestoreReport.TableCounts t : report.tables()) {
            counts.put(t.table(), t.rows());
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", t.table());
            table.put("rows", t.rows());
            table.put("inserted", t.inserted());
            table.put("updated", t.updated());
            table.put("deleted", t.deleted());
            table.put("unchanged", t.matched());
            tables.add(table);
        }
        map.put("counts", counts);
        map.putAll(report.counters());
        map.put("tables", tables);
        map.put("problems", report.problems());
        map.put("notes", report.notes());
        return map;
    }

    public static String toJson(RestoreReport report) {
        try {
            return JSON.writeValueAsString(toMap(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored restore report is not JSON", e);
        }
    }
}
