package org.lifeboat.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void a_console_session_keeps_the_department_grants_of_its_role_names() {
        Caller hr = Caller.fromRoleNames("hr-admin", Set.of("department-admin", "dept:hms:HR", "dept:HR", "dept::x"));
        assertTrue(hr.administers("hms", "HR"));
        assertEquals(Set.of(new Caller.DepartmentGrant("hms", "HR")), hr.departments(),
                "the unbound dept:HR and an empty source grant nothing");
        assertEquals(Set.of(Role.DEPARTMENT_ADMIN), hr.roles());
    }

    @Test
    void department_roles_without_the_department_admin_role_grant_nothing() {
        Caller c = Caller.fromRoleNames("x", Set.of("backup-operator", "dept:hms:HR"));
        assertTrue(c.has(Role.OPERATOR));
        assertFalse(c.administers("hms", "HR"));
    }
}
