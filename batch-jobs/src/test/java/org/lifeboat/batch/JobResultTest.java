package org.lifeboat.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.lifeboat.restore.RestoreRecord;
import org.lifeboat.restore.RestoreReport;
import org.lifeboat.restore.RestoreReportJson;

class JobResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_restore_result_shows_the_report_with_the_same_fields_as_before_it_was_typed() throws Exception {
        RestoreReport report = new RestoreReport();
        report.add(new RestoreReport.TableCounts("public.users", 3, 1, 1, 0, 1));
        report.counter("users_restored", 3);
        report.note("2 files moved into place after the database commit");
        RestoreRecord record = new RestoreRecord(5, 7, 11L, "hms", "merge", "admin", RestoreReportJson.toJson(report));

        JsonNode typed = JSON.valueToTree(JobResult.RestoreResult.of(record));
        JsonNode untyped = JSON.valueToTree(RestoreReportJson.toMap(report));
        untyped.fieldNames().forEachRemaining(field -> assertEquals(untyped.get(field), typed.get(field), field));
        assertEquals(11, typed.get("backupId").asLong());
        assertEquals("merge", typed.get("mode").asText());
        assertEquals(3, typed.get("users_restored").asLong(), "the profile's counters stay at the top level");
        assertEquals(false, typed.has("counters"));
    }
}
