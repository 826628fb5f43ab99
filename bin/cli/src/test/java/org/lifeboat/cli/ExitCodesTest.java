package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExitCodesTest {

    @Test
    void success_is_zero() {
        assertEquals(0, ExitCodes.forHttpStatus(200));
        assertEquals(0, ExitCodes.forHttpStatus(202));
    }

    @Test
    void unauthenticated_and_forbidden_are_refusals() {
        assertEquals(2, ExitCodes.forHttpStatus(401));
        assertEquals(2, ExitCodes.forHttpStatus(403));
    }

    @Test
    void a_package_the_server_will_not_take_is_invalid() {
        assertEquals(3, ExitCodes.forHttpStatus(422));
        assertEquals(3, ExitCodes.forHttpStatus(413));
    }

    @Test
    void every_other_error_is_a_server_error() {
        for (int status : new int[] {400, 404, 409, 410, 500, 503, 504}) {
            assertEquals(6, ExitCodes.forHttpStatus(status), "HTTP " + status);
        }
    }

    @Test
    void a_job_ends_completed_failed_or_stopped() {
        assertEquals(0, ExitCodes.forJobStatus("COMPLETED"));
        assertEquals(4, ExitCodes.forJobStatus("FAILED"));
        assertEquals(5, ExitCodes.forJobStatus("STOPPED"));
        assertEquals(5, ExitCodes.forJobStatus("ABANDONED"));
        assertThrows(IllegalArgumentException.class, () -> ExitCodes.forJobStatus("STARTED"));
    }

    @Test
    void the_servers_error_body_becomes_error_colon_detail() {
        ApiException e = LifeboatApi.failure(404, "{\"error\":\"no such backup\","
                + "\"detail\":\"no package with id 99; GET /lifeboat/api/backups lists them\"}");
        assertEquals("no such backup: no package with id 99; GET /lifeboat/api/backups lists them", e.getMessage());
        assertEquals(6, e.exitCode());
    }

    @Test
    void an_invalid_package_body_keeps_its_detail() {
        ApiException e = LifeboatApi.failure(422,
                "{\"error\":\"invalid package\",\"reason\":\"checksum\",\"detail\":\"entry x has SHA-256 ab\"}");
        assertEquals("invalid package: entry x has SHA-256 ab", e.getMessage());
        assertEquals(3, e.exitCode());
    }

    @Test
    void a_body_that_is_not_json_is_quoted() {
        ApiException e = LifeboatApi.failure(502, "<html><body>Bad   Gateway</body></html>");
        assertEquals("HTTP 502: <html><body>Bad Gateway</body></html>", e.getMessage());
        assertEquals(6, e.exitCode());
    }
}
