package org.lifeboat.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Reading job parameters: what a job XML's properties or JBeret's {@link Properties} hold, with defaults. */
final class JobParameters {

    private final Map<String, String> values;

    private JobParameters(Map<String, String> values) {
        this.values = values;
    }

    static JobParameters of(Properties properties) {
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(n -> values.put(n, properties.getProperty(n)));
        return new JobParameters(values);
    }

    static JobParameters of(Map<String, String> values) {
        return new JobParameters(values);
    }

    /** The value, or null when missing or blank (a job XML's unset {@code #{jobParameters['x']}} is empty). */
    String text(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String required(String name) {
        String v = text(name);
        if (v == null) {
            throw new IllegalArgumentException("job parameter '" + name + "' is missing");
        }
        return v;
    }

    boolean flag(String name, boolean otherwise) {
        String v = text(name);
        return v == null ? otherwise : Boolean.parseBoolean(v);
    }

    Integer integer(String name) {
        String v = text(name);
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job parameter '" + name + "' must be a whole number, not '" + v + "'");
        }
    }

    Long number(String name) {
        String v = text(name);
        try {
            return v == null ? null : Long.valueOf(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job parameter '" + name + "' must be a whole number, not '" + v + "'");
        }
    }

    /** Writes a value when present. */
    static void put(Map<String, String> into, String name, Object value) {
        if (value != null) {
            into.put(name, value.toString());
        }
    }
}
