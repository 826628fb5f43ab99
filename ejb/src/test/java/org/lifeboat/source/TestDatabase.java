package org.lifeboat.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A scratch schema in a real PostgreSQL for engine tests: {@code lifeboat.test.jdbc} (default: the suite's
 * {@code lifeboat_test} database, which bin/test creates), dropped again by {@link #close()}.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String URL = System.getProperty("lifeboat.test.jdbc",
            "jdbc:postgresql://127.0.0.1:5432/lifeboat_test?user=lifeboat&password=lifeboat&binaryTransfer=false");

    private final Connection connection;
    private final String schema;

    public TestDatabase(String schema) throws SQLException {
        this.schema = schema;
        this.connection = DriverManager.getConnection(URL);
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        execute("CREATE SCHEMA " + schema);
        execute("SET search_path = " + schema);
    }

    public Connection connection() {
        return connection;
    }

    public String schema() {
        return schema;
    }

    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.setAutoCommit(true);
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } finally {
            connection.close();
        }
    }
}
