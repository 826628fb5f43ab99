# Shared by bin/bench and bin/torture: a Lifeboat server of their own (a private copy of the provisioned WildFly,
# its own base dir, port offset, job repository database and source database), the REST calls they make, and the
# measurements they take (wall clock, peak heap from the GC log, peak RSS).
# shellcheck shell=bash

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BENCH_HOME="${LIFEBOAT_BENCH_HOME:-${LIFEBOAT_HOME:-$HOME/.lifeboat}/bench}"
LB_AUTH="admin:admin-demo"
EAR_FILE="$LIFEBOAT_REPO/ear/target/lifeboat.ear"
BENCH_SQL_DIR="$LIFEBOAT_REPO/wildfly-config/bench"
PGBENCH="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1 || true)"
export PGPASSWORD=lifeboat PGCONNECT_TIMEOUT=10

note() { printf '    %s\n' "$*"; }
now() { date +%s.%N; }
stamp() { date -u +%Y-%m-%dT%H:%M:%S.%3N+0000; }   # the GC log's own time format (the JVM logs in UTC here)
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
thousands() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

# ---------------------------------------------------------------------------------------------------------------
# The server. lb_init NAME PORT_OFFSET DB_SUFFIX sets where everything lives:
#   $BENCH_HOME/wildfly       a private copy of wildfly-config/target/wildfly-*: a concurrent re-provisioning of
#                             the shared one (bin/test, bin/demo) cannot pull the modules from under a long run
#   $BENCH_HOME/NAME/server   the instance's standalone/ (configuration, deployments, log)
#   $BENCH_HOME/NAME/data     backups/, work/, sources/
#   database lifeboat<suffix> (Lifeboat's own: catalog, audit, JBeret's job repository) and
#   database lifeboat_bench<suffix> (the benchmark source, datasource BenchDS)
# ---------------------------------------------------------------------------------------------------------------
lb_init() {
  LB_NAME="$1" LB_OFFSET="$2" LB_SUFFIX="$3"
  LB_PORT=$((8080 + LB_OFFSET))
  LB_URL="http://127.0.0.1:$LB_PORT"
  LB_DIR="$BENCH_HOME/$LB_NAME"
  LB_BASE="$LB_DIR/server"
  LB_DATA="$LB_DIR/data"
  LB_WORK="$LB_DATA/work"
  LB_PROFILES="$LB_DIR/profiles"
  LB_WILDFLY="$BENCH_HOME/wildfly"
  LB_OWN_DB="lifeboat$LB_SUFFIX"
  SRC_DB="lifeboat_bench$LB_SUFFIX"
  LB_JAVA_PID="" LB_SH_PID=""
}

# The EAR and the provisioned server: built only when missing (a running suite may rebuild them meanwhile).
lb_ensure_build() {
  if [ ! -f "$EAR_FILE" ] || [ ! -f "$JBOSS_HOME_DIR/jboss-modules.jar" ]; then
    say "the EAR or the provisioned server is missing: building (mvn install -DskipTests)"
    build
  fi
  [ -n "$PGBENCH" ] || die "pgbench not found (Debian package postgresql-client / postgresql-contrib)"
  for tool in jq curl zstd pg_dump pg_restore tar sha256sum; do
    command -v "$tool" >/dev/null || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      "$(case $tool in pg_*) echo postgresql-client;; sha256sum|tar) echo coreutils;; *) echo "$tool";; esac)" >/dev/null; } \
      || die "$tool is missing"
  done
  local want have
  want="$(cat "$JBOSS_HOME_DIR/.lifeboat-config" 2>/dev/null || echo none)"
  have="$(cat "$LB_WILDFLY/.lifeboat-config" 2>/dev/null || echo missing)"
  if [ "$want" != "$have" ] || [ ! -f "$LB_WILDFLY/jboss-modules.jar" ]; then
    say "copying the provisioned WildFly to $LB_WILDFLY (private to bin/bench and bin/torture)"
    rm -rf "$LB_WILDFLY.tmp"
    mkdir -p "$BENCH_HOME"
    cp -a "$JBOSS_HOME_DIR" "$LB_WILDFLY.tmp"
    rm -rf "$LB_WILDFLY"
    mv "$LB_WILDFLY.tmp" "$LB_WILDFLY"
  fi
}

# A fresh instance folder: configuration from the provisioned server, the EAR, the bench profile.
lb_prepare() {
  lb_stop_stale
  rm -rf "$LB_BASE" "$LB_PROFILES"
  mkdir -p "$LB_BASE/deployments" "$LB_DATA/backups" "$LB_WORK" "$LB_DATA/sources" "$LB_PROFILES"
  rm -rf "${LB_DATA:?}/backups/"* "${LB_WORK:?}/"*
  cp -r "$LB_WILDFLY/standalone/configuration" "$LB_BASE/"
  local i
  for i in 1 2 3 4 5; do   # the EAR may be being rewritten by a concurrent build
    cp "$EAR_FILE" "$LB_BASE/deployments/lifeboat.ear.tmp"
    if unzip -tq "$LB_BASE/deployments/lifeboat.ear.tmp" >/dev/null 2>&1; then break; fi
    [ "$i" = 5 ] && die "$EAR_FILE is not a valid archive (a build is running?)"
    sleep 10
  done
  mv "$LB_BASE/deployments/lifeboat.ear.tmp" "$LB_BASE/deployments/lifeboat.ear"
  EAR_SHA="$(sha256sum "$LB_BASE/deployments/lifeboat.ear" | cut -c1-12)"
  EAR_TIME="$(date -u -r "$EAR_FILE" +%Y-%m-%dT%H:%MZ)"
  cp "$BENCH_SQL_DIR/bench.yaml" "$LB_PROFILES/"
}

# A server of ours left over from an interrupted run (the pid file names it): stopped, since it holds our ports.
lb_stop_stale() {
  local pid
  pid="$(cat "$LB_DIR/java.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "-Djboss.server.base.dir=$LB_BASE"; then
    say "stopping a $LB_NAME server left from an earlier run (pid $pid)"
    kill -9 "$pid" 2>/dev/null || true
    sleep 2
  fi
  rm -f "$LB_DIR/java.pid"
  if ss -ltn 2>/dev/null | grep -q "127.0.0.1:$LB_PORT "; then
    die "port $LB_PORT is taken by another process: not starting a second server there"
  fi
}

# Starts the instance (extra VAR=value environment assignments may be given) and waits until the API answers.
lb_start() {
  local i code=000
  rm -f "$LB_DIR/java.pid"
  env LIFEBOAT_DB_SUFFIX="$LB_SUFFIX" LIFEBOAT_PROFILES_DIR="$LB_PROFILES" LIFEBOAT_BACKUP_DIR="$LB_DATA/backups" \
      LIFEBOAT_WORK_DIR="$LB_WORK" LIFEBOAT_SOURCES_DIR="$LB_DATA/sources" \
      LIFEBOAT_SECRETS_PASSPHRASE=lifeboat-bench GC_LOG=true LAUNCH_JBOSS_IN_BACKGROUND=1 \
      JBOSS_PIDFILE="$LB_DIR/java.pid" "$@" \
      "$LB_WILDFLY/bin/standalone.sh" -Djboss.server.base.dir="$LB_BASE" \
      -Djboss.socket.binding.port-offset="$LB_OFFSET" -b 127.0.0.1 -bmanagement 127.0.0.1 \
      >>"$LB_DIR/console.log" 2>&1 </dev/null &
  LB_SH_PID=$!
  for i in $(seq 1 240); do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -u "$LB_AUTH" "$LB_URL/lifeboat/api/sources" || true)"
    [ "$code" = 200 ] && break
    kill -0 "$LB_SH_PID" 2>/dev/null || die "the $LB_NAME server exited; see $LB_DIR/console.log"
    sleep 0.5
  done
  [ "$code" = 200 ] || die "the $LB_NAME server did not answer in 2 minutes (HTTP $code); see $LB_BASE/log/server.log"
  LB_JAVA_PID="$(cat "$LB_DIR/java.pid")"
  api GET /lifeboat/api/sources | jq -e 'map(.name) | index("bench")' >/dev/null \
    || die "the $LB_NAME server does not list source 'bench'; see $LB_BASE/log/server.log"
}

# SIGKILL to the JVM: no shutdown hook, no graceful end of the jobs.
lb_kill9() {
  [ -n "$LB_JAVA_PID" ] || return 0
  kill -9 "$LB_JAVA_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do kill -0 "$LB_JAVA_PID" 2>/dev/null || break; sleep 0.1; done
  wait "$LB_SH_PID" 2>/dev/null || true
  LB_JAVA_PID="" LB_SH_PID=""
}

# A graceful stop (SIGTERM, then SIGKILL after 60 s); only the processes this script started.
lb_stop() {
  [ -n "$LB_JAVA_PID" ] || return 0
  kill "$LB_JAVA_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 120); do kill -0 "$LB_JAVA_PID" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$LB_JAVA_PID" 2>/dev/null && kill -9 "$LB_JAVA_PID" 2>/dev/null
  wait "$LB_SH_PID" 2>/dev/null || true
  rm -f "$LB_DIR/java.pid"
  LB_JAVA_PID="" LB_SH_PID=""
}

# ---------------------------------------------------------------------------------------------------------------
# REST
# ---------------------------------------------------------------------------------------------------------------
# api METHOD PATH [JSON]: the body on stdout; fails on a transport error, not on an HTTP error status.
api() {
  local method="$1" path="$2" body="${3:-}"
  if [ -n "$body" ]; then
    curl -sS --max-time 120 -u "$LB_AUTH" -X "$method" -H 'Content-Type: application/json' -d "$body" "$LB_URL$path"
  else
    curl -sS --max-time 120 -u "$LB_AUTH" -X "$method" "$LB_URL$path"
  fi
}

# job_start PATH JSON: the execution id (dies with the answer when the job was not accepted).
job_start() {
  local answer id
  answer="$(api POST "$1" "$2")"
  id="$(printf '%s' "$answer" | jq -r '.executionId // empty' 2>/dev/null || true)"
  [ -n "$id" ] || die "POST $1 $2 was not accepted: $answer"
  echo "$id"
}

# job_wait ID TIMEOUT_SECONDS [POLL_SECONDS]: polls until the job ends; its JSON on stdout. Every REST call
# costs the server a bcrypt check of the HTTP Basic password (~90 ms of CPU here), so the default poll is slow (1 s)
# and durations are taken from the job's own endTime (job_end_epoch), not from when the poll noticed.
job_wait() {
  local id="$1" timeout="$2" poll="${3:-1}" start job status
  [[ "$id" =~ ^[0-9]+$ ]] || { echo '{"status":"NOT_STARTED","error":"no execution id"}'; echo "job_wait: no execution id" >&2; return 1; }
  start="$(now)"
  while :; do
    job="$(api GET "/lifeboat/api/jobs/$id" || true)"
    status="$(printf '%s' "$job" | jq -r '.status // empty' 2>/dev/null || true)"
    case "$status" in COMPLETED|FAILED|STOPPED|ABANDONED) printf '%s\n' "$job"; return 0 ;; esac
    if awk -v a="$start" -v b="$(now)" -v t="$timeout" 'BEGIN { exit !(b - a > t) }'; then
      printf '%s\n' "$job"
      echo "job $id did not end within ${timeout}s (last status '$status')" >&2
      return 1
    fi
    sleep "$poll"
  done
}

# The job's endTime (server clock, the same machine) as epoch seconds.
job_end_epoch() { date -d "$(printf '%s' "$1" | jq -r '.endTime')" +%s.%N; }

# "step seconds" per step of an execution, from JBeret's job repository (start and end times to the millisecond).
job_steps() {
  admin_psql -d "$LB_OWN_DB" -Atq -F' ' -c "SELECT stepname, round(extract(epoch FROM endtime - starttime)::numeric, 2)
    FROM jberet.step_execution WHERE jobexecutionid = $1 AND endtime IS NOT NULL ORDER BY starttime"
}

job_status() { printf '%s' "$1" | jq -r '.status'; }

# ---------------------------------------------------------------------------------------------------------------
# Databases
# ---------------------------------------------------------------------------------------------------------------
# psql as the lifeboat role on the source database
# (statement_timeout=0: bin/torture sets a timeout on the role, which must hit Lifeboat, not the checks)
src_psql() { PGOPTIONS='-c statement_timeout=0' psql -h "$PG_HOST" -p "$PG_PORT" -U lifeboat -d "$SRC_DB" -v ON_ERROR_STOP=1 -Atq "$@"; }

# pg_restore as a superuser (--disable-triggers needs one), over TCP as postgres if that works, else as postgres
admin_pg_restore() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    PGPASSWORD= pg_restore -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"
  else
    runuser -u postgres -- pg_restore -p "$PG_PORT" "$@"
  fi
}

# A fresh source database lifeboat_bench<suffix>, owned by lifeboat.
fresh_source_db() {
  admin_psql -qc "DROP DATABASE IF EXISTS \"$SRC_DB\" WITH (FORCE)" >/dev/null
  admin_psql -qc "CREATE DATABASE \"$SRC_DB\" OWNER lifeboat" >/dev/null
}

# load_bench_data SCALE WIDE_ROWS: pgbench -i -s SCALE plus the wide table, then VACUUM ANALYZE.
load_bench_data() {
  local scale="$1" wide="$2"
  "$PGBENCH" -i -q -s "$scale" -h "$PG_HOST" -p "$PG_PORT" -U lifeboat "$SRC_DB" >"$LB_DIR/pgbench-init.log" 2>&1 \
    || { cat "$LB_DIR/pgbench-init.log" >&2; die "pgbench -i failed"; }
  src_psql -v rows="$wide" -f "$BENCH_SQL_DIR/wide.sql" >/dev/null 2>&1 || die "loading the wide table failed"
  admin_psql -d "$SRC_DB" -qc "VACUUM ANALYZE" >/dev/null
}

BENCH_TABLES="pgbench_accounts wide pgbench_history pgbench_tellers pgbench_branches"

# Order-independent content hash of one table: "rows:sum of the first 60 bits of md5(row text)".
table_hash() {
  src_psql -c "SELECT count(*) || ':' || coalesce(sum(('x' || left(md5(t::text), 15))::bit(60)::bigint), 0) FROM $1 t"
}
all_hashes() { local t; for t in $BENCH_TABLES; do printf '%s=%s\n' "$t" "$(table_hash "$t")"; done; }
all_counts() { local t; for t in $BENCH_TABLES; do printf '%s=%s\n' "$t" "$(src_psql -c "SELECT count(*) FROM $t")"; done; }

# ---------------------------------------------------------------------------------------------------------------
# Server measurements
# ---------------------------------------------------------------------------------------------------------------
# Forgets the process's peak RSS (VmHWM) so that the next reading covers only what follows.
rss_reset() { [ -n "$LB_JAVA_PID" ] && echo 5 >"/proc/$LB_JAVA_PID/clear_refs" 2>/dev/null || true; }
rss_peak_mb() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$LB_JAVA_PID/status"; }
jvm_cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$LB_JAVA_PID/stat"; }

# heap_peaks FROM TO: "peak_before_gc_mb peak_after_gc_mb gc_count full_gc_after_mb" from the GC log's pauses
# between two stamps. The heap's high-water mark is the occupancy a collection found (before it). What a young
# collection leaves still holds old-generation garbage; only a full collection (jcmd GC.run) shows the live set.
heap_peaks() {
  cat "$LB_BASE"/log/gc.log* 2>/dev/null | awk -v from="$1" -v to="$2" '
    /GC\([0-9]+\) Pause/ && match($0, /[0-9]+M->[0-9]+M\([0-9]+M\)/) {
      ts = substr($1, 2, 28); if (ts < from || ts > to) next
      split(substr($0, RSTART, RLENGTH), v, /M->|M\(|M\)/)
      if (v[1] + 0 > before) before = v[1] + 0; if (v[2] + 0 > after) after = v[2] + 0; n++
      if ($0 ~ /Pause Full/ && v[2] + 0 > full) full = v[2] + 0 }
    END { printf "%d %d %d %d\n", before, after, n, full }'
}
# A run in which no collection came after the heap's high point (a restore that allocates little may see none):
# the heap used now is at least what it held at any moment since the last collection, so it counts as a sample.
heap_peak_with_now() { local now; now="$(heap_now_mb)"; echo $(( ${now:-0} > $1 ? ${now:-0} : $1 )); }
heap_now_mb() { jcmd "$LB_JAVA_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%d", v / 1024; exit } }'; }

# CPU time of the PostgreSQL backends serving a database: pg_cpu_mark DB >FILE before, pg_cpu_since DB FILE after.
# Backends that exit in between are not counted (Lifeboat's pooled connections stay; pg_dump's do not).
pg_cpu_mark() {
  local p
  for p in $(admin_psql -Atqc "SELECT pid FROM pg_stat_activity WHERE datname = '$1' AND pid <> pg_backend_pid()"); do
    awk -v p="$p" '{ print p, $14 + $15 }' "/proc/$p/stat" 2>/dev/null || true
  done
}
pg_cpu_since() {
  pg_cpu_mark "$1" | awk -v hz="$(getconf CLK_TCK)" -v mark="$2" '
    BEGIN { while ((getline line < mark) > 0) { split(line, f, " "); t0[f[1]] = f[2] } }
    { s += $2 - ($1 in t0 ? t0[$1] : 0) } END { printf "%.2f", s / hz }'
}

# Samples what the database's active sessions are doing (wait event or CPU, statement start) every half second
# until killed: pg_activity_sampler DB OUT &
pg_activity_sampler() {
  while :; do
    admin_psql -Atq -F'|' -c "SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU'),
        regexp_replace(regexp_replace(left(query, 90), '\s+', ' ', 'g'), '[0-9]+', 'N', 'g')
      FROM pg_stat_activity WHERE datname = '$1' AND state = 'active' AND pid <> pg_backend_pid()" >>"$2" 2>/dev/null || true
    sleep 0.5
  done
}
