package org.lifeboat.security;

import java.util.Optional;

/** The roles of the security domain (the demo users are in wildfly-config/sql/lifeboat-init.sql). */
public enum Role {
    /** Everything: every restore mode, deletes, schedules, retention, schema DDL from uploads when asked. */
    ADMIN(Names.ADMIN),
    /** Backups, merge restores, uploads, downloads, verify; control of the jobs it may start. */
    OPERATOR(Names.OPERATOR),
    /** Read-only: lists, job views, the audit log, verify. */
    AUDITOR(Names.AUDITOR),
    /** Exports and imports of the departments named by its {@code dept:<source>:<department>} roles. */
    DEPARTMENT_ADMIN(Names.DEPARTMENT_ADMIN);

    /**
     * The role names as compile-time constants, for {@code @RolesAllowed} on the REST resources (which only let in
     * callers holding some Lifeboat role; what each may do is {@link Permissions}' answer).
     */
    public static final class Names {
        public static final String ADMIN = "backup-admin";
        public static final String OPERATOR = "backup-operator";
        public static final String AUDITOR = "auditor";
        public static final String DEPARTMENT_ADMIN = "department-admin";

        private Names() {}
    }

    /**
     * Prefix of the role that ties a department admin to one department of one source:
     * {@code dept:<source>:<department>}, e.g. {@code dept:hms:HR}.
     */
    public static final String DEPARTMENT_PREFIX = "dept:";

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    /** The name the security domain gives the role. */
    public String roleName() {
        return roleName;
    }

    public static Optional<Role> byName(String name) {
        for (Role r : values()) {
            if (r.roleName.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The role naming one department of one source. */
    public static String departmentRole(String source, String department) {
        return DEPARTMENT_PREFIX + source + ":" + department;
    }
}
