package org.lifeboat.cli;

import java.time.Duration;

/**
 * One table's progress as text: {@code [##########..........]  50%  50/100 rows  ETA 0:10}. The ETA assumes the
 * rows still to do go at the pace of those done so far.
 */
public final class ProgressBar {

    public static final int WIDTH = 20;

    private ProgressBar() {}

    /**
     * @param done rows done
     * @param total rows expected (0 for an empty table)
     * @param elapsed the time the rows done took
     */
    public static String render(long done, long total, Duration elapsed) {
        int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
        return String.format("%s %3d%%  %d/%d rows  %s", bar, percent, done, total, eta(done, total, elapsed));
    }

    static String eta(long done, long total, Duration elapsed) {
        if (done >= total) {
            return "done";
        }
        if (done <= 0 || elapsed.isZero() || elapsed.isNegative()) {
            return "ETA --:--";
        }
        long millis = (long) ((double) elapsed.toMillis() * (total - done) / done);
        return "ETA " + clock(Duration.ofMillis(millis));
    }

    /** m:ss under an hour, h:mm:ss above; seconds are rounded up so "0:00" means done. */
    static String clock(Duration d) {
        long seconds = (d.toMillis() + 999) / 1000;
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
