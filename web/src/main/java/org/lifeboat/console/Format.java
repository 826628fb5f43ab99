package org.lifeboat.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console prints sizes, times and durations. */
@Named("fmt")
@ApplicationScoped
public class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    public String time(Object instant) {
        if (instant == null) {
            return "–";
        }
        Instant i = instant instanceof Instant x ? x : instant instanceof java.util.Date d ? d.toInstant()
                : Instant.parse(instant.toString());
        return TIME.format(i);
    }

    /** Remaining time from rows done, rows expected and the seconds spent so far; empty when unknown. */
    public String eta(long done, long total, String startedAt) {
        if (done <= 0 || total <= done || startedAt == null) {
            return "";
        }
        long elapsed = Duration.between(Instant.parse(startedAt), Instant.now()).toSeconds();
        long left = elapsed * (total - done) / done;
        return left < 60 ? left + " s left" : (left / 60) + " min " + (left % 60) + " s left";
    }

    public String statusClass(String status) {
        return status == null ? "" : "status-" + status.toLowerCase();
    }
}
