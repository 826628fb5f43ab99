-- EDMS baseline: what a freshly initialised EDMS contains (the "system_reinit" of the seed).
-- Lifeboat runs it against the edms database after emptying every table (TRUNCATE ... RESTART
-- IDENTITY), at the start of a clean restore, in the same transaction as the restore.
-- INSERT statements only: no DDL, no TRUNCATE. Ids come from the identity defaults. UUIDs are
-- fresh on every run (gen_random_uuid), so they differ from the ones in any backup - the clean
-- restore matches these rows by natural key (users by username, roles by name).
-- Plain statements, each ending with a semicolon at the end of a line, none inside strings or
-- comments, so a simple statement splitter can run this file.
--
-- Passwords (Django PBKDF2-SHA256, 600000 iterations):
--   admin        / admin-demo
--   edms_system  / edms_system-demo
-- Change them in a real installation.

INSERT INTO users_user (uuid, password, is_superuser, username, first_name, last_name, email,
                        is_staff, is_active, date_joined, department)
VALUES (gen_random_uuid(), 'pbkdf2_sha256$600000$Qtby23218CufMhM19L5VHH$2WS4q1yHKrs3rWB2wEcXstYEZdHXXvnbso+ECrVTaHk=',
        false, 'edms_system', 'EDMS', 'System', 'edms-system@edms.example.com', true, true, now(), 'Information Technology');

INSERT INTO users_user (uuid, password, is_superuser, username, first_name, last_name, email,
                        is_staff, is_active, date_joined, department)
VALUES (gen_random_uuid(), 'pbkdf2_sha256$600000$s7ATICg5lVp3VWtG9isqT3$1Ge1bTI2FJydM8IIUctr661Jj0ZIlTp+0ZwVoqk/xeg=',
        true, 'admin', 'System', 'Administrator', 'admin@edms.example.com', true, true, now(), 'Information Technology');

-- the 7 core roles. Users and roles are inserted in a different order than in the demo data,
-- so their ids differ from the ones in a demo backup: a clean restore has to remap them.
INSERT INTO users_role (uuid, name, description, module, permission_level, is_active, created_at)
VALUES (gen_random_uuid(), 'Document Viewer', 'Reads effective documents', 'documents', 10, true, now()),
       (gen_random_uuid(), 'Document Author', 'Creates and revises documents', 'documents', 30, true, now()),
       (gen_random_uuid(), 'Document Reviewer', 'Reviews documents and returns comments to the author', 'documents', 50, true, now()),
       (gen_random_uuid(), 'Document Approver', 'Approves documents and makes them effective', 'documents', 70, true, now()),
       (gen_random_uuid(), 'Document Admin', 'Manages document types, sources, numbering and user access', 'documents', 90, true, now()),
       (gen_random_uuid(), 'Records Manager', 'Manages retention, archiving and disposal of records', 'records', 60, true, now()),
       (gen_random_uuid(), 'System Administrator', 'Full administrative access to every module and setting', 'system', 100, true, now());
