# A throwaway PostgreSQL server for the tests of adapters/postgres, sourced
# by .ci/run. start_postgres does nothing when TPSESSION_POSTGRES_URL is
# set already (a server of one's own); otherwise it installs PostgreSQL
# from the Debian packages when it is missing, starts a cluster in a
# temporary directory as an unprivileged user (the server refuses to run
# as root) on a free port of 127.0.0.1, exports TPSESSION_POSTGRES_URL, and
# stops and removes the cluster when the script exits: it sets an EXIT
# trap, so a script that sets one of its own after it must call
# stop_postgres from it.

pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

# pg_as runs a command as the cluster's owner: nobody when we are root.
pg_as() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

# free_port prints a TCP port of 127.0.0.1 that nothing listens on.
free_port() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

stop_postgres() {
  if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP" ]; then
    pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_TMP"
  fi
}

start_postgres() {
  if [ -n "${TPSESSION_POSTGRES_URL:-}" ]; then
    echo "== PostgreSQL: the server of TPSESSION_POSTGRES_URL"
    return 0
  fi
  echo "== PostgreSQL: a throwaway cluster"
  if ! PG_BIN=$(pg_bin); then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
    PG_BIN=$(pg_bin)
  fi
  PG_TMP=$(mktemp -d /tmp/tpsession-pg.XXXXXX)
  trap stop_postgres EXIT
  if [ "$(id -u)" = 0 ]; then chown nobody "$PG_TMP"; fi
  pg_as "$PG_BIN/initdb" -D "$PG_TMP/data" -U tpsession --auth=trust -E UTF8 --locale=C >"$PG_TMP/initdb.log" 2>&1 ||
    { cat "$PG_TMP/initdb.log"; return 1; }
  local port tries=0
  # Another program may take the port between free_port and the start.
  until port=$(free_port) && pg_as "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -t 60 \
      -o "-p $port -k $PG_TMP -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; do
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then cat "$PG_TMP/server.log"; return 1; fi
  done
  export TPSESSION_POSTGRES_URL="postgres://tpsession@127.0.0.1:$port/postgres?sslmode=disable"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}
