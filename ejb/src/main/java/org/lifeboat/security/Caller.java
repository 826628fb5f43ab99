package org.lifeboat.security;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who is asking: a name, the roles the security domain gave it, and the departments (of which source) it
 * administers. Built once per request by the adapters (REST, console) and by the scheduler.
 */
public record Caller(String name, Set<Role> roles, Set<DepartmentGrant> departments) implements java.io.Serializable {

    /** A department admin's grant: department {@code department} of source {@code source}. */
    public record DepartmentGrant(String source, String department) implements java.io.Serializable {}

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        departments = Set.copyOf(departments);
    }

    /** The server itself (schedules, retention after a backup). */
    public static Caller system(String name) {
        return new Caller(name, EnumSet.of(Role.ADMIN), Set.of());
    }

    /**
     * @param inRole         the container's role check ({@code isUserInRole})
     * @param departmentsBySource every department id of every source, so the grants can be asked for by name
     */
    public static Caller of(String name, Predicate<String> inRole, Map<String, ? extends Iterable<String>> departmentsBySource) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role r : Role.values()) {
            if (inRole.test(r.roleName())) {
                roles.add(r);
            }
        }
        Set<DepartmentGrant> grants = new LinkedHashSet<>();
        if (roles.contains(Role.DEPARTMENT_ADMIN)) {
            departmentsBySource.forEach((source, departments) -> {
                for (String d : departments) {
                    if (inRole.test(Role.departmentRole(source, d))) {
                        grants.add(new DepartmentGrant(source, d));
                    }
                }
            });
        }
        return new Caller(name, roles, grants);
    }

    /**
     * From the role names a session kept (the console signs in once and keeps them): the plain roles, and the
     * department grants of its {@code dept:<source>:<department>} roles when it is a department admin.
     */
    public static Caller fromRoleNames(String name, Set<String> roleNames) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleNames.forEach(r -> Role.byName(r).ifPresent(roles::add));
        Set<DepartmentGrant> grants = new LinkedHashSet<>();
        if (roles.contains(Role.DEPARTMENT_ADMIN)) {
            for (String r : roleNames) {
                String[] parts = r.startsWith(Role.DEPARTMENT_PREFIX)
                        ? r.substring(Role.DEPARTMENT_PREFIX.length()).split(":", 2) : new String[0];
                if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                    grants.add(new DepartmentGrant(parts[0], parts[1]));
                }
            }
        }
        return new Caller(name, roles, grants);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether this caller administers {@code department} of {@code source}. */
    public boolean administers(String source, String department) {
        return has(Role.DEPARTMENT_ADMIN) && departments.contains(new DepartmentGrant(source, department));
    }

    public boolean anonymous() {
        return name == null;
    }
}
