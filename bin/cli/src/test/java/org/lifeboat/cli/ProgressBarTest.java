package org.lifeboat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void half_done_in_ten_seconds_leaves_ten_seconds() {
        assertEquals("[##########..........]  50%  50/100 rows  ETA 0:10",
                ProgressBar.render(50, 100, Duration.ofSeconds(10)));
    }

    @Test
    void nothing_done_yet_has_no_estimate() {
        assertEquals("[....................]   0%  0/12000 rows  ETA --:--",
                ProgressBar.render(0, 12000, Duration.ofSeconds(3)));
    }

    @Test
    void a_finished_table_says_done() {
        assertEquals("[####################] 100%  16010/16010 rows  done",
                ProgressBar.render(16010, 16010, Duration.ofSeconds(7)));
    }

    @Test
    void an_empty_table_is_complete() {
        assertEquals("[####################] 100%  0/0 rows  done", ProgressBar.render(0, 0, Duration.ZERO));
    }

    @Test
    void a_long_estimate_shows_hours() {
        // 1% in 90 s: 99 × 90 s = 2 h 28 min 30 s to go
        assertEquals("[....................]   1%  1000/100000 rows  ETA 2:28:30",
                ProgressBar.render(1000, 100000, Duration.ofSeconds(90)));
    }

    @Test
    void the_bar_fills_by_whole_steps_of_five_percent() {
        assertEquals("[#####...............]  29%  29/100 rows  ETA 0:49",
                ProgressBar.render(29, 100, Duration.ofSeconds(20)));
    }

    @Test
    void seconds_are_rounded_up_so_zero_means_done() {
        assertEquals("0:01", ProgressBar.clock(Duration.ofMillis(1)));
        assertEquals("1:00", ProgressBar.clock(Duration.ofSeconds(60)));
    }
}
