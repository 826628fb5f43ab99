package org.lifeboat.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

class DirectLoadTest {

    private static SQLException serverError(String fields) {
        return new PSQLException(new ServerErrorMessage(fields));
    }

    @Test
    void a_constraint_violation_names_the_failing_row_and_its_package_line() {
        SQLException e = serverError("SERROR\0C23514\0Mnew row for relation \"it_direct\" violates check constraint "
                + "\"it_direct_small\"\0DFailing row contains (600, 600, row 600).\0WCOPY it_direct, line 600\0");
        assertEquals("new row for relation \"it_direct\" violates check constraint \"it_direct_small\" (Failing row "
                + "contains (600, 600, row 600).) at package line 600", DirectLoad.explain(e));
    }

    @Test
    void a_value_that_does_not_fit_names_line_and_column() {
        SQLException e = serverError("SERROR\0C22P02\0Minvalid input syntax for type integer: \"x\"\0"
                + "WCOPY po_items, line 3, column quantity: \"x\"\0");
        assertEquals("invalid input syntax for type integer: \"x\" at package line 3, column quantity: \"x\"",
                DirectLoad.explain(e));
    }

    @Test
    void an_error_without_server_fields_keeps_its_message() {
        assertEquals("I/O error", DirectLoad.explain(new SQLException("I/O error")));
    }
}
