package org.lifeboat.batch;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lifeboat.catalog.BackupPackage;
import org.lifeboat.restore.RestoreRecord;

/**
 * What a finished job produced, as {@code result} of the job view (REST, console, CLI): the package of a backup,
 * the report of a restore or a dry run. Field names are part of the REST contract.
 */
public sealed interface JobResult permits JobResult.BackupResult, JobResult.RestoreResult {

    /** A backup's package: its id, file and rows per table. */
    record BackupResult(long backupId, String file, Map<String, Long> counts) implements JobResult {

        static BackupResult of(BackupPackage p) {
            return new BackupResult(p.getId(), p.getFile(), p.counts());
        }
    }

    /**
     * A restore's (or dry run's) report: whether it went through, rows per table, what happened per table, the
     * problems that stopped it and the notes; the profile's counters ({@code users_restored}...) at the top level.
     */
    record RestoreResult(Long restoreId, Long backupId, String mode, boolean ok, Map<String, Long> counts,
                         @JsonIgnore Map<String, Long> counters, List<TableResult> tables, List<String> problems,
                         List<String> notes) implements JobResult {

        /** One table of the report. */
        public record TableResult(String table, long rows, long inserted, long updated, long deleted, long unchanged) {}

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final List<String> FIELDS = List.of("ok", "counts", "tables", "problems", "notes");

        @JsonAnyGetter
        public Map<String, Long> counterFields() {
            return counters;
        }

        /** From the report a restore record keeps (written by {@code RestoreReportJson}). */
        static RestoreResult of(RestoreRecord r) {
            try {
                Map<String, Object> report = JSON.readValue(r.getReportJson(),
                        new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() {});
                Map<String, Long> counters = new LinkedHashMap<>();
                report.forEach((k, v) -> {
                    if (!FIELDS.contains(k) && v instanceof Number n) {
                        counters.put(k, n.longValue());
                    }
                });
                return new RestoreResult(r.getId(), r.getBackupId(), r.getMode(),
                        Boolean.TRUE.equals(report.get("ok")),
                        JSON.convertValue(report.getOrDefault("counts", Map.of()),
                                new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Long>>() {}),
                        counters,
                        JSON.convertValue(report.getOrDefault("tables", List.of()),
                                new com.fasterxml.jackson.core.type.TypeReference<List<TableResult>>() {}),
                        JSON.convertValue(report.getOrDefault("problems", List.of()),
                                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {}),
                        JSON.convertValue(report.getOrDefault("notes", List.of()),
                                new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {}));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("the stored report of restore " + r.getId() + " is not JSON", e);
            }
        }
    }
}
