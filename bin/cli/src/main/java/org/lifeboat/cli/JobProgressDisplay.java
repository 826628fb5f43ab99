package org.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a job execution (the JSON of {@code GET /jobs/{id}}) as a status line and one progress bar per table. On a
 * terminal the block is redrawn in place with ANSI escapes; otherwise each change is printed as a new line, which
 * reads well in a log file or a CI console.
 */
final class JobProgressDisplay {

    private static final String CLEAR_TO_END = "\033[J";
    /** More lines than a terminal shows cannot be redrawn in place: beyond this, finished tables are summed up. */
    static final int MAX_LIVE_TABLES = 20;

    private final PrintStream out;
    private final boolean live;
    private final Map<String, Sample> firstProgress = new HashMap<>();
    private final Map<String, String> printed = new HashMap<>();
    private String printedHeader;
    private int drawnLines;

    /** When a table was last seen at a number of rows: the base of its pace. */
    private record Sample(Instant at, long done) {}

    /** One table's line, and the progress ("done/total") that decides whether it changed. */
    private record TableLine(String label, String progress, String text, boolean finished) {}

    JobProgressDisplay(PrintStream out, boolean live) {
        this.out = out;
        this.live = live;
    }

    void update(JsonNode job, Instant now) {
        String header = header(job);
        int labelWidth = 0;
        for (JsonNode t : job.path("tables")) {
            labelWidth = Math.max(labelWidth, label(t).length());
        }
        List<TableLine> tables = new ArrayList<>();
        for (JsonNode t : job.path("tables")) {
            String label = label(t);
            long done = t.path("done").asLong();
            long total = t.path("total").asLong();
            Duration elapsed = elapsed(label, done, now, start(job));
            tables.add(new TableLine(label, done + "/" + total,
                    "  " + pad(label, labelWidth) + "  " + ProgressBar.render(done, total, elapsed), done >= total));
        }
        if (live) {
            redraw(header + "  " + clock(job, now), fitted(tables));
        } else {
            append(header, tables);
        }
    }

    /** Leaves the last drawing on screen and prints how the job ended. */
    void finish(JsonNode job) {
        drawnLines = 0;
        String took = duration(job) == null ? "" : " in " + ProgressBar.clock(duration(job));
        out.println("execution " + job.path("executionId").asLong() + " " + job.path("status").asText() + took);
    }

    private void redraw(String header, List<String> tables) {
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append("\033[").append(drawnLines).append('F'); // back to the first line of the last frame
        }
        frame.append("\033[2K").append(header).append('\n');
        tables.forEach(line -> frame.append("\033[2K").append(line).append('\n'));
        frame.append(CLEAR_TO_END);
        out.print(frame);
        out.flush();
        drawnLines = 1 + tables.size();
    }

    /** All tables when they fit; else the unfinished ones (as many as fit) and one line for the rest. */
    private static List<String> fitted(List<TableLine> tables) {
        if (tables.size() <= MAX_LIVE_TABLES) {
            return tables.stream().map(TableLine::text).toList();
        }
        List<String> unfinished = tables.stream().filter(t -> !t.finished()).map(TableLine::text).toList();
        List<String> lines = new ArrayList<>(unfinished.subList(0, Math.min(unfinished.size(), MAX_LIVE_TABLES)));
        int hidden = unfinished.size() - lines.size();
        lines.add("  " + (tables.size() - unfinished.size()) + " of " + tables.size() + " tables done"
                + (hidden > 0 ? ", " + hidden + " more under way" : ""));
        return lines;
    }

    private void append(String header, List<TableLine> tables) {
        if (!header.equals(printedHeader)) {
            out.println(header);
            printedHeader = header;
        }
        for (TableLine table : tables) {
            if (!table.progress().equals(printed.put(table.label(), table.progress()))) {
                out.println(table.text());
            }
        }
        out.flush();
    }

    private static String header(JsonNode job) {
        StringBuilder h = new StringBuilder("execution ").append(job.path("executionId").asLong())
                .append("  ").append(job.path("jobName").asText()).append("  ").append(job.path("status").asText());
        JsonNode parameters = job.path("parameters");
        if (parameters.hasNonNull("source")) {
            h.append("  ").append(parameters.get("source").asText());
        }
        if (parameters.hasNonNull("scope")) {
            h.append(" ").append(parameters.get("scope").asText());
        }
        if (parameters.hasNonNull("mode")) {
            h.append(" ").append(parameters.get("mode").asText());
        }
        for (JsonNode step : job.path("steps")) {
            if ("STARTED".equals(step.path("status").asText())) {
                h.append("  step ").append(step.path("name").asText());
            }
        }
        return h.toString();
    }

    private static String clock(JsonNode job, Instant now) {
        Instant start = start(job);
        return start == null ? "" : ProgressBar.clock(Duration.between(start, now).isNegative()
                ? Duration.ZERO : Duration.between(start, now));
    }

    private static String label(JsonNode table) {
        return table.path("step").asText() + "  " + table.path("table").asText();
    }

    /**
     * The time the rows done "took", chosen so the ETA follows the pace seen while watching: rows gained since the
     * table was first seen moving, over the time since. A table already under way when the watch began and not
     * moving since is measured from the job's start.
     */
    private Duration elapsed(String key, long done, Instant now, Instant jobStart) {
        Sample first = firstProgress.get(key);
        if (first == null || (first.done() == 0 && done == 0)) {
            first = new Sample(now, done);
            firstProgress.put(key, first);
        }
        if (done > first.done()) {
            Duration watched = Duration.between(first.at(), now);
            return Duration.ofMillis(watched.toMillis() * done / (done - first.done()));
        }
        if (first.done() > 0 && jobStart != null && jobStart.isBefore(now)) {
            return Duration.between(jobStart, now);
        }
        return Duration.ZERO;
    }

    private static Instant start(JsonNode job) {
        return instant(job.path("startTime").asText(null));
    }

    private static Duration duration(JsonNode job) {
        Instant start = start(job);
        Instant end = instant(job.path("endTime").asText(null));
        return start == null || end == null || end.isBefore(start) ? null : Duration.between(start, end);
    }

    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
