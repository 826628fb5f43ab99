package org.lifeboat.api;

/** The roles of the security domain (see wildfly-config/sql/lifeboat-init.sql for the demo users). */
final class Roles {
    static final String ADMIN = "backup-admin";
    static final String OPERATOR = "backup-operator";
    static final String AUDITOR = "auditor";
    static final String DEPARTMENT_ADMIN = "department-admin";
    /** Prefix of the role naming the department a department admin owns, e.g. {@code dept:HR}. */
    static final String DEPARTMENT_PREFIX = "dept:";

    private Roles() {}
}
