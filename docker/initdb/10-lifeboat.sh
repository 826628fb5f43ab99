#!/usr/bin/env bash
# Lifeboat's databases on the postgres service of docker/compose.yaml. The postgres image runs this once, when its
# data volume is empty (files in /docker-entrypoint-initdb.d), as the superuser, over the local socket.
#
# Creates the login role lifeboat with the password $LIFEBOAT_DB_PASSWORD (the one the lifeboat service's
# datasources use), the databases lifeboat, edms and hms owned by it, and runs wildfly-config/sql/lifeboat-init.sql
# (mounted at /lifeboat/sql) in the database lifeboat as lifeboat: JBeret's job repository schema and the demo users.
# The demo sources' tables and storage are loaded by the demo-data service (wildfly-config/demo/load-demo.sh).
# The role is always "lifeboat": the demo schemas and lifeboat-init.sql are loaded with SET ROLE lifeboat.
set -euo pipefail

init_sql=/lifeboat/sql/lifeboat-init.sql
[[ -f $init_sql ]] || { echo "10-lifeboat.sh: $init_sql is missing (mount wildfly-config/sql at /lifeboat/sql)" >&2; exit 1; }
password=${LIFEBOAT_DB_PASSWORD:-lifeboat}

psql=(psql -X -q -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --no-password)

"${psql[@]}" --dbname "${POSTGRES_DB:-postgres}" -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE lifeboat LOGIN PASSWORD %L', :'pw')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lifeboat') \gexec
SELECT format('ALTER ROLE lifeboat LOGIN PASSWORD %L', :'pw') \gexec
-- the role an unsigned upload's schema SQL runs as when a backup-admin allows it (README "Security")
SELECT 'CREATE ROLE lifeboat_ddl NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lifeboat_ddl') \gexec
GRANT lifeboat_ddl TO lifeboat;
SELECT format('CREATE DATABASE %I OWNER lifeboat', db)
FROM unnest(ARRAY['lifeboat', 'edms', 'hms']) AS db
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = db) \gexec
SQL

"${psql[@]}" --dbname lifeboat -c 'SET client_min_messages = warning' -c 'SET ROLE lifeboat' -f "$init_sql"
echo "10-lifeboat.sh: roles lifeboat and lifeboat_ddl, databases lifeboat, edms, hms; $init_sql loaded into lifeboat"
