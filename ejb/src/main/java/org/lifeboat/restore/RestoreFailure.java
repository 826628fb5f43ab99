package org.lifeboat.restore;

import java.util.List;

/**
 * The restore failures a person acts on, each a {@link RestoreException} (422 "restore refused", nothing changed)
 * that carries what it is about as values: the table, the row (package line or primary key) and the reason, or the
 * list of schema differences. {@link #reason()} is a stable code a client can branch on; the message is the
 * sentence the report, the job's error and the audit log show.
 */
public final class RestoreFailure {

    private RestoreFailure() {}

    /** The stable codes of {@link Failure#reason()}. */
    public enum Reason {
        WRONG_SOURCE("wrong-source"),
        SCHEMA_MISMATCH("schema-mismatch"),
        ROW_REJECTED("row-rejected"),
        DANGLING_REFERENCES("dangling-references"),
        COUNT_MISMATCH("count-mismatch"),
        CONFIRMATION_MISSING("confirmation-missing");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** A restore failure of a known kind. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public abstract static class Failure extends RestoreException {

        Failure(String message, Throwable cause) {
            super(message, cause);
        }

        public abstract Reason reason();

        /** The table concerned, or null when the failure is about the whole package. */
        public String table() {
            return null;
        }
    }

    /** The package was made from another source, and restoring it elsewhere was not asked for. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class WrongSource extends Failure {
        private final String packageSource;
        private final String target;

        public WrongSource(String packageSource, String target, String sentence) {
            super(sentence, null);
            this.packageSource = packageSource;
            this.target = target;
        }

        public String packageSource() { return packageSource; }
        public String target() { return target; }
        @Override public Reason reason() { return Reason.WRONG_SOURCE; }
    }

    /** The package's tables do not fit the live schema. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class SchemaMismatch extends Failure {
        private final List<SchemaDifference> differences;

        public SchemaMismatch(List<SchemaDifference> differences) {
            super("the package does not fit the live schema: " + String.join("; ",
                    differences.stream().map(SchemaDifference::sentence).toList()), null);
            this.differences = List.copyOf(differences);
        }

        public List<SchemaDifference> differences() { return differences; }
        @Override public Reason reason() { return Reason.SCHEMA_MISMATCH; }
    }

    /** A row the live table refuses (a constraint, a type), or that the package cannot deliver. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class RowRejected extends Failure {
        private final String table;
        private final String row;

        /**
         * @param row the package line ({@code line 12}) or primary key ({@code id=7}) when known, else null
         */
        public RowRejected(String table, String row, String sentence, Throwable cause) {
            super(sentence, cause);
            this.table = table;
            this.row = row;
        }

        @Override public String table() { return table; }
        public String row() { return row; }
        @Override public Reason reason() { return Reason.ROW_REJECTED; }
    }

    /** Rows outside the scope reference rows a replace would delete. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class DanglingReferences extends Failure {
        private final String table;
        private final String referencing;
        private final long rows;

        public DanglingReferences(String table, String referencing, long rows, String sentence) {
            super(sentence, null);
            this.table = table;
            this.referencing = referencing;
            this.rows = rows;
        }

        @Override public String table() { return table; }
        public String referencing() { return referencing; }
        public long rows() { return rows; }
        @Override public Reason reason() { return Reason.DANGLING_REFERENCES; }
    }

    /** After the load a table holds another number of rows than the package says it should. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class CountMismatch extends Failure {
        private final String table;
        private final long expected;
        private final long actual;

        public CountMismatch(String table, long expected, long actual, String sentence) {
            super(sentence, null);
            this.table = table;
            this.expected = expected;
            this.actual = actual;
        }

        @Override public String table() { return table; }
        public long expected() { return expected; }
        public long actual() { return actual; }
        @Override public Reason reason() { return Reason.COUNT_MISMATCH; }
    }

    /** A clean restore without the typed confirmation. */
    @jakarta.ejb.ApplicationException(rollback = true)
    public static final class ConfirmationMissing extends Failure {
        public ConfirmationMissing(String sentence) {
            super(sentence, null);
        }

        @Override public Reason reason() { return Reason.CONFIRMATION_MISSING; }
    }
}
