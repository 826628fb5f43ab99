-- Lifeboat's own database: the job repository schema and the demo users (bcrypt via pgcrypto).
-- Idempotent: bin/demo and bin/test run it on every start. Replace the demo users in a real installation.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE SCHEMA IF NOT EXISTS jberet;

CREATE TABLE IF NOT EXISTS lifeboat_user (
    username text PRIMARY KEY,
    password text NOT NULL,          -- modular crypt ($2a$ bcrypt)
    enabled  boolean NOT NULL DEFAULT true
);
CREATE TABLE IF NOT EXISTS lifeboat_user_role (
    username text NOT NULL REFERENCES lifeboat_user ON DELETE CASCADE,
    role     text NOT NULL,
    PRIMARY KEY (username, role)
);

INSERT INTO lifeboat_user (username, password)
SELECT u, crypt(p, gen_salt('bf', 10))
FROM (VALUES ('admin', 'admin-demo'), ('operator', 'operator-demo'),
             ('auditor', 'auditor-demo'), ('hr-admin', 'hr-admin-demo')) AS demo(u, p)
ON CONFLICT (username) DO NOTHING;

-- Department admins carry "department-admin" plus "dept:<source>:<department id>" for each department they own:
-- a department role is tied to one source. The unbound "dept:<id>" of earlier releases grants nothing.
DELETE FROM lifeboat_user_role WHERE role ~ '^dept:[^:]+$';
INSERT INTO lifeboat_user_role (username, role) VALUES
    ('admin', 'backup-admin'), ('operator', 'backup-operator'), ('auditor', 'auditor'),
    ('hr-admin', 'department-admin'), ('hr-admin', 'dept:hms:HR')
ON CONFLICT DO NOTHING;
