package org.lifeboat.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    @Test
    void a_cell_a_spreadsheet_would_run_as_a_formula_starts_with_a_quote() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", AuditCsv.cell("=HYPERLINK(\"http://evil\",\"x\")"));
        assertEquals("\"'+1+cmd|' /C calc'!A0\"", AuditCsv.cell("+1+cmd|' /C calc'!A0"));
        assertEquals("\"'-2+3\"", AuditCsv.cell("-2+3"));
        assertEquals("\"'@SUM(A1:A9)\"", AuditCsv.cell("@SUM(A1:A9)"));
        assertEquals("\"'\t=1\"", AuditCsv.cell("\t=1"));
        assertEquals("\"'\r=1\"", AuditCsv.cell("\r=1"));
    }

    @Test
    void ordinary_cells_are_only_quoted() {
        assertEquals("\"admin\"", AuditCsv.cell("admin"));
        assertEquals("\"a = b, c\"", AuditCsv.cell("a = b, c"), "an = inside a cell is harmless");
        assertEquals("\"say \"\"hi\"\"\"", AuditCsv.cell("say \"hi\""));
        assertEquals("\"\"", AuditCsv.cell(""));
        assertEquals("", AuditCsv.cell(null));
    }

    @Test
    void the_export_neutralises_every_text_column_of_an_entry() throws Exception {
        AuditEntry e = new AuditEntry("=evil", "UPLOAD", "+scope", "-target", "REFUSED", "@file.tar", null,
                "=1+1 in the details");
        StringWriter out = new StringWriter();
        AuditCsv.write(out, List.of(e));
        String[] lines = out.toString().split("\n");
        assertEquals(AuditCsv.HEADER, lines[0]);
        assertTrue(lines[1].contains(",\"'=evil\",\"UPLOAD\",\"'+scope\",\"'-target\",\"REFUSED\",\"'@file.tar\",,"
                + "\"'=1+1 in the details\""), lines[1]);
    }
}
