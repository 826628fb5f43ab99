#!/usr/bin/env bash
# Loads Lifeboat's demo sources: the EDMS (database edms$SUFFIX + storage + configuration) and
# the HMS (database hms$SUFFIX).
#
# usage: load-demo.sh [--suffix SUFFIX] [--reset] --storage-root DIR
#   --suffix SUFFIX      appended to the database names (e.g. _test: edms_test, hms_test)
#   --reset              drop and recreate the databases first (storage is rewritten as needed)
#   --storage-root DIR   the server's sources dir (lifeboat.sources.dir): receives
#                        DIR/edms/storage/{documents,versions,media} and DIR/edms/config/
#   env PSQL             admin connection command, default "psql -h 127.0.0.1 -U postgres"
#                        (a superuser, or a role that may create roles and databases and
#                        SET ROLE lifeboat)
#
# Creates the login role lifeboat (password 'lifeboat') if missing and the databases, owned by
# lifeboat, if missing; loads schema.sql + data.sql as lifeboat (so lifeboat owns every object)
# only into a database that has no tables yet, in one transaction. Idempotent: a second run
# without --reset changes nothing (storage files are only rewritten when they differ).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
die() { echo "load-demo.sh: error: $*" >&2; exit 1; }
usage() { echo "usage: load-demo.sh [--suffix SUFFIX] [--reset] --storage-root DIR" >&2; exit 2; }

suffix='' reset=0 storage=''
while (($#)); do
    case $1 in
        --suffix) (($# >= 2)) || usage; suffix=$2; shift 2 ;;
        --suffix=*) suffix=${1#*=}; shift ;;
        --reset) reset=1; shift ;;
        --storage-root) (($# >= 2)) || usage; storage=$2; shift 2 ;;
        --storage-root=*) storage=${1#*=}; shift ;;
        -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "load-demo.sh: unknown argument: $1" >&2; usage ;;
    esac
done
[[ -n $storage ]] || { echo "load-demo.sh: --storage-root DIR is required" >&2; usage; }
[[ $suffix =~ ^[a-z0-9_]*$ ]] || die "--suffix may only contain a-z, 0-9 and _ (got '$suffix')"

for tool in sha256sum gzip stat mktemp; do
    command -v "$tool" > /dev/null || die "$tool is not installed"
done
PSQL=${PSQL:-psql -h 127.0.0.1 -U postgres}
read -ra psql_cmd <<< "$PSQL"
command -v "${psql_cmd[0]}" > /dev/null || die "${psql_cmd[0]} not found (set PSQL to the psql command to use)"
export PSQL PGCLIENTENCODING=UTF8 PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
pg() { "${psql_cmd[@]}" -X -q -v ON_ERROR_STOP=1 "$@"; }

start=$SECONDS
err=$(pg -d postgres -Atc 'SELECT 1' 2>&1 > /dev/null) \
    || die "cannot connect to PostgreSQL with '$PSQL': $err"
[[ $(pg -d postgres -Atc "SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user") == t ]] \
    || die "the PSQL role must be a superuser or have CREATEDB"

# ---------------------------------------------------------------- role
pg -d postgres -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lifeboat') THEN
        CREATE ROLE lifeboat LOGIN PASSWORD 'lifeboat';
    END IF;
    -- the role an unsigned upload's schema SQL runs as when a backup-admin allows it (README \"Security\")
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lifeboat_ddl') THEN
        CREATE ROLE lifeboat_ddl NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
    END IF;
END \$\$;" -c "GRANT lifeboat_ddl TO lifeboat" || die "could not create the roles lifeboat and lifeboat_ddl"

# ---------------------------------------------------------------- databases
# prints "<tables> <rows>" for a database's public schema
stats() {
    pg -d "$1" -At -F' ' -c "
        SELECT count(*), coalesce(sum((xpath('/row/c/text()', query_to_xml(
                   format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text::bigint), 0)
        FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
}

load_source() { # source marker-table
    local src=$1 marker=$2 db=$1$suffix state t0=$SECONDS
    if ((reset)); then
        pg -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" || die "could not drop database $db"
    fi
    if [[ -z $(pg -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'") ]]; then
        pg -d postgres -c "CREATE DATABASE \"$db\" OWNER lifeboat" || die "could not create database $db"
    fi
    local has_marker ntables
    has_marker=$(pg -d "$db" -Atc "SELECT to_regclass('public.$marker') IS NOT NULL")
    ntables=$(pg -d "$db" -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    if [[ $has_marker == t ]]; then
        state='already loaded'
    elif ((ntables > 0)); then
        die "database $db has $ntables table(s) but no $marker: not a $src demo database; use --reset to recreate it"
    else
        pg -d "$db" -1 -c 'SET ROLE lifeboat' -f "$here/$src/schema.sql" -f "$here/$src/data.sql" \
            || die "loading $src/schema.sql and $src/data.sql into $db failed (nothing was loaded)"
        state="loaded in $((SECONDS - t0)) s"
    fi
    echo "$db $state"
}

declare -A state
for spec in edms:users_user hms:users; do
    line=$(load_source "${spec%%:*}" "${spec#*:}")
    state[${spec%%:*}]=${line#* }
done

# ---------------------------------------------------------------- EDMS storage and configuration
mkdir -p "$storage" || die "cannot create storage root $storage"
storage=$(cd "$storage" && pwd)
storage_line=$("$here/edms/make-storage.sh" "$storage/edms/storage" "dbname=edms$suffix") \
    || die "make-storage.sh failed"
mkdir -p "$storage/edms/config"
for f in edms.env secret.key; do
    src=$here/edms/config/$f dst=$storage/edms/config/$f
    if [[ ! -f $dst || $(sha256sum < "$src") != "$(sha256sum < "$dst")" ]]; then
        cp -- "$src" "$dst"
    fi
done
chmod 600 "$storage/edms/config/secret.key"

# ---------------------------------------------------------------- statistics and summary
for src in edms hms; do
    pg -d "$src$suffix" -c 'ANALYZE' || die "ANALYZE of $src$suffix failed"
    read -r ntables nrows <<< "$(stats "$src$suffix")"
    printf '%-16s %2d tables, %7d rows  (%s)\n' "$src$suffix" "$ntables" "$nrows" "${state[$src]}"
done
echo "${storage_line#storage }"
echo "configuration: $storage/edms/config/{edms.env,secret.key}"
echo "done in $((SECONDS - start)) s"
