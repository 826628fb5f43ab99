package org.lifeboat.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lifeboat.restore.RestoreMode;

class PermissionsTest {

    private static final Map<String, List<String>> DEPARTMENTS = Map.of("hms", List.of("HR", "CT"),
            "shop", List.of("HR"));

    private static Caller caller(String... roleNames) {
        Set<String> granted = Set.of(roleNames);
        return Caller.of("u", granted::contains, DEPARTMENTS);
    }

    @Test
    void a_department_admin_is_tied_to_one_department_of_one_source() {
        Caller hr = caller("department-admin", "dept:hms:HR");
        assertTrue(Permissions.mayTransfer(hr, "hms", "HR").allowed());
        assertFalse(Permissions.mayTransfer(hr, "hms", "CT").allowed());
        assertFalse(Permissions.mayTransfer(hr, "shop", "HR").allowed(), "same department id, other source");
        assertFalse(Permissions.mayRestore(hr, RestoreMode.MERGE).allowed());
        assertFalse(Permissions.mayUpload(hr).allowed());
    }

    @Test
    void the_old_unbound_department_role_grants_nothing() {
        Caller old = caller("department-admin", "dept:HR");
        assertFalse(Permissions.mayTransfer(old, "hms", "HR").allowed());
        assertFalse(Permissions.mayBackup(old, "hms", "HR").allowed());
    }

    @Test
    void a_department_role_without_the_department_admin_role_grants_nothing() {
        assertFalse(Permissions.mayTransfer(caller("dept:hms:HR"), "hms", "HR").allowed());
    }

    @Test
    void only_an_admin_replaces_cleans_or_runs_uploaded_schema() {
        Caller operator = caller("backup-operator");
        Caller admin = caller("backup-admin");
        assertTrue(Permissions.mayRestore(operator, RestoreMode.MERGE).allowed());
        assertFalse(Permissions.mayRestore(operator, RestoreMode.REPLACE).allowed());
        assertFalse(Permissions.mayRestore(operator, RestoreMode.CLEAN).allowed());
        assertFalse(Permissions.mayRunUploadedSchema(operator).allowed());
        assertTrue(Permissions.mayRestore(admin, RestoreMode.CLEAN).allowed());
        assertTrue(Permissions.mayRunUploadedSchema(admin).allowed());
    }

    @Test
    void job_control_needs_the_right_to_start_that_job() {
        Caller operator = caller("backup-operator");
        Caller auditor = caller("auditor");
        Caller hr = caller("department-admin", "dept:hms:HR");
        Map<String, String> clean = Map.of("backupId", "1", "source", "hms", "mode", "clean");
        Map<String, String> merge = Map.of("backupId", "1", "source", "hms", "mode", "merge");
        Map<String, String> hrImport = Map.of("backupId", "1", "source", "hms", "mode", "merge", "skipShared", "true");
        Map<String, String> schemaMerge = Map.of("backupId", "1", "source", "hms", "mode", "merge",
                "allowUploadedSchema", "true");
        Map<String, String> byHand = Map.of("source", "hms", "mode", "merge"); // jboss-cli without a package id
        assertFalse(Permissions.mayControlJob(operator, "restore", byHand, null).allowed());
        assertTrue(Permissions.mayControlJob(operator, "dry-run", merge, null).allowed());
        assertFalse(Permissions.mayControlJob(operator, "dry-run", clean, null).allowed());
        assertFalse(Permissions.mayControlJob(operator, "restore", clean, null).allowed());
        assertTrue(Permissions.mayControlJob(operator, "restore", merge, null).allowed());
        assertFalse(Permissions.mayControlJob(operator, "restore", schemaMerge, null).allowed());
        assertFalse(Permissions.mayControlJob(auditor, "backup", Map.of("source", "hms"), null).allowed());
        assertTrue(Permissions.mayControlJob(hr, "restore", hrImport, "HR").allowed());
        assertFalse(Permissions.mayControlJob(hr, "restore", hrImport, "CT").allowed());
        assertFalse(Permissions.mayControlJob(hr, "restore", merge, null).allowed());
        assertTrue(Permissions.mayControlJob(hr, "backup", Map.of("source", "hms"), "HR").allowed());
        assertFalse(Permissions.mayControlJob(hr, "backup", Map.of("source", "hms"), null).allowed());
    }

    @Test
    void lists_show_a_department_admin_only_its_own() {
        Caller hr = caller("department-admin", "dept:hms:HR");
        assertTrue(Permissions.maySee(hr, "hms", "HR"));
        assertFalse(Permissions.maySee(hr, "hms", null));
        assertFalse(Permissions.maySee(hr, "hms", "CT"));
        assertTrue(Permissions.maySee(caller("auditor"), "hms", null));
        assertFalse(Permissions.maySee(caller(), "hms", null));
    }

    @Test
    void a_department_admin_sees_only_the_sources_it_holds_a_department_of() {
        Caller hr = Caller.fromRoleNames("hr-admin", Set.of("department-admin", "dept:hms:HR"));
        assertTrue(Permissions.maySeeSource(hr, "hms"));
        assertFalse(Permissions.maySeeSource(hr, "edms"));
        assertTrue(Permissions.maySeeSource(Caller.fromRoleNames("auditor", Set.of("auditor")), "edms"));
    }
}
