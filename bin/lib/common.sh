# Shared by bin/demo and bin/test: find the repo, make sure PostgreSQL runs, create Lifeboat's databases.
# shellcheck shell=bash

LIFEBOAT_REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WILDFLY_VERSION="39.0.1.Final"
JBOSS_HOME_DIR="$LIFEBOAT_REPO/wildfly-config/target/wildfly-$WILDFLY_VERSION"
export LC_ALL=C.UTF-8   # storage file names are UTF-8; the JVM reads them through the locale
PG_HOST="${LIFEBOAT_DB_HOST:-127.0.0.1}"
PG_PORT="${LIFEBOAT_DB_PORT:-5432}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# psql as a PostgreSQL superuser: over TCP as postgres (trust auth) if that works, else over the socket.
admin_psql() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 "$@"
  else
    runuser -u postgres -- psql -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"
  fi
}
export -f admin_psql 2>/dev/null || true

pg_ready() { command -v pg_isready >/dev/null && pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }

# Use the PostgreSQL on 127.0.0.1:5432 if it answers; else start the Debian cluster; else install PostgreSQL.
ensure_postgres() {
  if pg_ready; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null; then
    say "PostgreSQL is not installed: installing it (apt-get)"
    [ "$(id -u)" = 0 ] || die "PostgreSQL is missing and installing it needs root"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  fi
  local version
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  [ -n "$version" ] || die "no PostgreSQL cluster under /etc/postgresql"
  say "starting PostgreSQL $version (cluster main)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
  pg_ready || die "PostgreSQL did not start on $PG_HOST:$PG_PORT"
  # local trust for the Lifeboat role over TCP (the datasources connect as lifeboat/lifeboat)
  admin_psql -Atqc "select 1" >/dev/null || die "cannot connect to PostgreSQL as a superuser"
}

# The role an unsigned upload's schema SQL runs as when a backup-admin allows it (README "Security"): no login, no
# right on any database, granted to the sources' role $1.
ensure_confined_role() {
  admin_psql -qc "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='lifeboat_ddl') THEN
                  CREATE ROLE lifeboat_ddl NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                  END IF;
                  IF NOT pg_has_role('$1', 'lifeboat_ddl', 'MEMBER') THEN GRANT lifeboat_ddl TO \"$1\"; END IF;
                  END\$\$;" >/dev/null
}

# Role lifeboat and database lifeboat$1 (with its job repository schema and demo users).
# With "fresh", the database is dropped first (the test suite starts from an empty job repository).
ensure_lifeboat_db() {
  local suffix="$1" mode="${2:-keep}" db="lifeboat$1"
  admin_psql -qc "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='lifeboat') THEN
                  CREATE ROLE lifeboat LOGIN PASSWORD 'lifeboat'; END IF; END\$\$;" >/dev/null
  ensure_confined_role lifeboat
  if [ "$mode" = fresh ]; then
    admin_psql -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
  fi
  if [ -z "$(admin_psql -Atqc "SELECT 1 FROM pg_database WHERE datname='$db'")" ]; then
    admin_psql -qc "CREATE DATABASE \"$db\" OWNER lifeboat" >/dev/null
  fi
  admin_psql -q -d "$db" -c "SET ROLE lifeboat" -f "$LIFEBOAT_REPO/wildfly-config/sql/lifeboat-init.sql" >/dev/null
}

# The server is provisioned once; when the jboss-cli scripts or the driver module change, provision it anew.
reprovision_if_changed() {
  local stamp
  stamp="$(cat "$LIFEBOAT_REPO"/wildfly-config/cli/*.cli "$LIFEBOAT_REPO"/wildfly-config/modules/org/postgresql/main/module.xml \
           "$LIFEBOAT_REPO"/wildfly-config/pom.xml | sha256sum | cut -c1-16)"
  if [ -d "$JBOSS_HOME_DIR" ] && [ "$(cat "$JBOSS_HOME_DIR/.lifeboat-config" 2>/dev/null)" != "$stamp" ]; then
    say "the server configuration scripts changed: provisioning WildFly again"
    rm -rf "$LIFEBOAT_REPO/wildfly-config/target"   # with the unpack markers, or nothing is unpacked again
  fi
  if [ ! -d "$JBOSS_HOME_DIR" ]; then
    (cd "$LIFEBOAT_REPO" && mvn -B -q -pl wildfly-config install) || die "provisioning WildFly failed"
    echo "$stamp" >"$JBOSS_HOME_DIR/.lifeboat-config"
  fi
}

# Builds the EAR and provisions the server (provisioning only when the server folder is missing).
build() {
  reprovision_if_changed
  say "building Lifeboat and provisioning WildFly $WILDFLY_VERSION (mvn install)"
  (cd "$LIFEBOAT_REPO" && mvn -B -q install -DskipTests -DskipITs) || die "the build failed"
  [ -f "$JBOSS_HOME_DIR/jboss-modules.jar" ] || die "the server was not provisioned at $JBOSS_HOME_DIR"
}

# S3Proxy (org.gaul:s3proxy, filesystem backend): a real S3 API for off-site repositories, its own JVM.
# start_s3proxy <data folder> <port> <identity> <credential> <log file>: the folder holds one folder per bucket;
# prints the pid once the port answers.
S3PROXY_VERSION="4.0.0"
start_s3proxy() {
  local dir="$1" port="$2" identity="$3" credential="$4" log="$5"
  local jar_dir="$LIFEBOAT_REPO/target/s3proxy"
  local jar="$jar_dir/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar"
  [[ -f "$jar" ]] || mvn -B -q dependency:copy \
    -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$jar_dir" >/dev/null
  mkdir -p "$dir"
  cat > "$dir.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$identity
s3proxy.credential=$credential
jclouds.provider=filesystem
jclouds.filesystem.basedir=$dir
CONF
  chmod 600 "$dir.conf"
  nohup java -jar "$jar" --properties "$dir.conf" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "$pid"; return 0; }
    kill -0 "$pid" 2>/dev/null || die "S3Proxy did not start: $(tail -5 "$log")"
    sleep 0.2
  done
  die "S3Proxy did not answer on port $port; see $log"
}
