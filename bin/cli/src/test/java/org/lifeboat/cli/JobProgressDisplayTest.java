package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobProgressDisplayTest {

    private static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private static JsonNode job(String status, long patients, long appointments) throws Exception {
        return LifeboatApi.JSON.readTree(("{'executionId':12,'jobName':'backup','status':'" + status + "',"
                + "'startTime':'2026-11-22T01:00:00Z','parameters':{'source':'hms','scope':'subsystem:CT1'},"
                + "'steps':[{'name':'export-tables','status':'" + status + "'}],'tables':["
                + "{'step':'export-tables','table':'public.appointments','done':" + appointments + ",'total':400},"
                + "{'step':'export-tables','table':'public.patients','done':" + patients + ",'total':100}]}")
                .replace('\'', '"'));
    }

    private PrintStream screen() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    private String shown() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void without_a_terminal_only_what_changed_gets_a_new_line() throws Exception {
        JobProgressDisplay display = new JobProgressDisplay(screen(), false);
        display.update(job("STARTED", 0, 0), T0);
        display.update(job("STARTED", 0, 0), T0.plusMillis(500));
        display.update(job("STARTED", 50, 0), T0.plusMillis(1500));
        assertEquals("""
                execution 12  backup  STARTED  hms subsystem:CT1  step export-tables
                  export-tables  public.appointments  [....................]   0%  0/400 rows  ETA --:--
                  export-tables  public.patients      [....................]   0%  0/100 rows  ETA --:--
                  export-tables  public.patients      [##########..........]  50%  50/100 rows  ETA 0:01
                """, shown());
    }

    @Test
    void on_a_terminal_the_block_is_redrawn_in_place() throws Exception {
        JobProgressDisplay display = new JobProgressDisplay(screen(), true);
        display.update(job("STARTED", 0, 0), T0.plusSeconds(1));
        display.update(job("STARTED", 100, 200), T0.plusSeconds(3));
        String second = shown().substring(shown().lastIndexOf("\033[3F"));
        assertTrue(second.startsWith("\033[3F\033[2Kexecution 12"), second);
        assertTrue(second.contains("[##########..........]  50%  200/400 rows"), second);
        assertTrue(second.contains("100/100 rows  done"), second);
        assertTrue(second.endsWith("\033[J"), second);
    }

    @Test
    void on_a_terminal_many_tables_are_summed_up_so_the_block_fits() throws Exception {
        StringBuilder tables = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            tables.append(i == 0 ? "" : ",").append("{'step':'apply','table':'public.t").append(i)
                    .append("','done':").append(i < 25 ? 10 : 5).append(",'total':10}");
        }
        JsonNode job = LifeboatApi.JSON.readTree(("{'executionId':7,'jobName':'restore','status':'STARTED',"
                + "'parameters':{},'steps':[],'tables':[" + tables + "]}").replace('\'', '"'));
        new JobProgressDisplay(screen(), true).update(job, T0);
        String[] lines = shown().split("\n");
        assertEquals(1 + 5 + 1 + 1, lines.length, shown()); // header, 5 unfinished, summary, clear-to-end
        assertTrue(lines[6].contains("25 of 30 tables done"), lines[6]);
    }
}
