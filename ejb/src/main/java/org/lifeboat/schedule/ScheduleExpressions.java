package org.lifeboat.schedule;

import jakarta.ejb.ScheduleExpression;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the ways a schedule is written: {@code daily HH:MM} (UTC), a five-field cron expression
 * ({@code minute hour day-of-month month day-of-week}) or a six-field one with seconds first; each field in EJB
 * timer syntax (*, lists, ranges, steps such as {@code *}{@code /10}).
 */
public final class ScheduleExpressions {

    private static final Pattern DAILY = Pattern.compile("daily\\s+([01]?\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");

    private ScheduleExpressions() {}

    public static ScheduleExpression parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher daily = DAILY.matcher(t);
        ScheduleExpression e = new ScheduleExpression().timezone("UTC").second("0");
        if (daily.matches()) {
            return e.hour(Integer.parseInt(daily.group(1))).minute(Integer.parseInt(daily.group(2)));
        }
        String[] fields = t.split("\\s+");
        if ((fields.length != 5 && fields.length != 6)
                || !java.util.Arrays.stream(fields).allMatch(f -> FIELD.matcher(f).matches())) {
            throw new IllegalArgumentException("'" + text + "' is not a schedule: write 'daily 02:00' (UTC) or five "
                    + "cron fields 'minute hour day-of-month month day-of-week', e.g. '30 2 * * Mon-Fri'");
        }
        int at = 0;
        if (fields.length == 6) {
            e.second(fields[at++]);
        }
        return e.minute(fields[at]).hour(fields[at + 1]).dayOfMonth(fields[at + 2]).month(fields[at + 3])
                .dayOfWeek(fields[at + 4]);
    }
}
