package org.lifeboat.restore;

/**
 * A statement of a package's {@code schema/schema.sql} that a restore will not run: the message names the line,
 * the start of the statement and why. Thrown before any statement of the script has run.
 */
public class SchemaStatementRefusedException extends RestoreException {

    private final int line;
    private final String statement;
    private final String why;

    public SchemaStatementRefusedException(int line, String statement, String why) {
        super("the package's schema/schema.sql is refused at line " + line + ", statement '" + excerpt(statement)
                + "': " + why + "; nothing of the schema was run");
        this.line = line;
        this.statement = statement;
        this.why = why;
    }

    public int line() {
        return line;
    }

    public String statement() {
        return statement;
    }

    public String why() {
        return why;
    }

    static String excerpt(String statement) {
        String flat = statement.strip().replaceAll("\\s+", " ");
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }
}
