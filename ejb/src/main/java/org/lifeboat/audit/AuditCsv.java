package org.lifeboat.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log as CSV (RFC 4180 quoting). A cell a spreadsheet would read as a formula ({@code = + - @}, or a
 * leading tab or carriage return) gets a leading single quote: user names, file names and details come from
 * outside and must not run in the auditor's spreadsheet.
 */
public final class AuditCsv {

    public static final String HEADER = "id,timestamp,user,action,scope,target,status,file,execution,details";

    private AuditCsv() {}

    public static void write(Writer out, List<AuditEntry> entries) throws IOException {
        out.write(HEADER + "\n");
        for (AuditEntry e : entries) {
            out.write(row(e) + "\n");
        }
    }

    static String row(AuditEntry e) {
        List<String> cells = new ArrayList<>();
        cells.add(String.valueOf(e.getId()));
        cells.add(e.getOccurredAt() == null ? "" : e.getOccurredAt().toString());
        cells.add(cell(e.getUsername()));
        cells.add(cell(e.getAction()));
        cells.add(cell(e.getScope()));
        cells.add(cell(e.getTarget()));
        cells.add(cell(e.getStatus()));
        cells.add(cell(e.getFileName()));
        cells.add(e.getJobExecutionId() == null ? "" : String.valueOf(e.getJobExecutionId()));
        cells.add(cell(e.getDetails()));
        return String.join(",", cells);
    }

    /** One quoted cell; null is empty. */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
