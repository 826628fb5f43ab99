package org.lifeboat.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Direct access to the suite's source databases (edms_test, hms_test) to check what Lifeboat did. */
final class SourceDatabase {

    private SourceDatabase() {}

    static Connection open(String source) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + source
                + "_test?user=lifeboat&password=lifeboat");
    }

    static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (var st = c.prepareStatement("SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    static long count(Connection c, String qualifiedTable) throws SQLException {
        String[] parts = qualifiedTable.split("\\.", 2);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + parts[0] + "\".\"" + parts[1] + "\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
