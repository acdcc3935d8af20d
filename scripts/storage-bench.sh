#!/usr/bin/env bash
# card_authorization on one silo with in-memory, Redis and PostgreSQL storage, measured one after the
# other in one run of this script (same machine, same load, same population size), printed side by side.
#
#   scripts/storage-bench.sh [--copies N] [--duration 20s] [--users N]
#
# Starts its own redis-server (redis-server on PATH) and PostgreSQL 15 (preinstalled binaries, run as the
# postgres user) in a temporary folder on free ports; the silo runs as a separate process (Release).
# Exit codes: 0 ok, 1 a component failed, 2 bad arguments.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
copies=32; duration=20s; users=2000
while [ $# -gt 0 ]; do
  case "$1" in
    --copies) copies="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "storage-bench: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d /tmp/actors-storage-bench.XXXXXX)
chmod 755 "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
silo_pid=""; pg_bin=""
cleanup() {
  [ -n "$silo_pid" ] && kill -TERM "$silo_pid" 2>/dev/null && wait "$silo_pid" 2>/dev/null || true
  [ -e "$work/redis.pid" ] && kill -TERM "$(cat "$work/redis.pid")" 2>/dev/null || true
  [ -n "$pg_bin" ] && su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $work/pg -m fast stop" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "building silo and loadtests (Release)..."
dotnet build "$root/silo/Actors.Silo.csproj" -c Release -v q -nologo >"$work/build.log" 2>&1 || { echo "build failed: $work/build.log"; exit 1; }
dotnet build "$root/loadtests/Actors.LoadTests.csproj" -c Release -v q -nologo >>"$work/build.log" 2>&1 || { echo "build failed: $work/build.log"; exit 1; }
silo="$root/silo/bin/Release/net10.0/Actors.Silo.dll"
load="$root/loadtests/bin/Release/net10.0/Actors.LoadTests.dll"

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --dir "$work" --pidfile "$work/redis.pid" \
  --logfile "$work/redis.log" --save "" --appendonly no >/dev/null
pg_bin=$(dirname "$(dpkg -L postgresql-15 | grep 'bin/initdb$')")
pg_port=$(free_port)
mkdir -p "$work/pg" "$work/pgrun" && chown postgres "$work/pg" "$work/pgrun"
su postgres -s /bin/sh -c "$pg_bin/initdb -D $work/pg -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$work/pg-init.log" 2>&1
su postgres -s /bin/sh -c "$pg_bin/pg_ctl -D $work/pg -l $work/pgrun/pg.log -o '-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pgrun' -w start" >/dev/null
postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=actors;Maximum Pool Size=40"
dotnet "$silo" migrate --postgres "$postgres" >"$work/migrate.log" 2>&1 || { echo "migration failed: $work/migrate.log"; exit 1; }

results=()
run_store() {
  local name="$1"; shift
  local silo_port gateway_port
  silo_port=$(free_port); gateway_port=$(free_port)
  setsid dotnet "$silo" --silo-port "$silo_port" --gateway-port "$gateway_port" --http-port 0 --cluster-id "bench-$name" "$@" \
    >"$work/silo-$name.log" 2>&1 < /dev/null &
  silo_pid=$!
  for _ in $(seq 1 600); do grep -q "Actors silo ready" "$work/silo-$name.log" && break; sleep 0.1; done
  grep -q "Actors silo ready" "$work/silo-$name.log" || { tail -20 "$work/silo-$name.log"; exit 1; }
  echo "== $name: card_authorization, $copies copies, $duration"
  dotnet "$load" run --scenario card_authorization --copies "$copies" --duration "$duration" --users "$users" \
    --gateway "127.0.0.1:$gateway_port" --cluster-id "bench-$name" --no-console --report-dir "$work/reports" | tee "$work/run-$name.log" | grep -E "^card_authorization +global +response|^Reports"
  # The summary's row for the whole scenario: scenario step time ok fail rps p50 p95 p99 p99.9 max.
  results+=("$name|$(awk '$1 == "card_authorization" && $2 == "global" && $3 == "response" { printf "%s req/s, p50 %s ms, p99 %s ms, max %s ms, %s failed", $6, $7, $9, $11, $5 }' "$work/run-$name.log")")
  kill -TERM "$silo_pid"; wait "$silo_pid" 2>/dev/null || true; silo_pid=""
}

run_store memory
run_store redis --clustering Localhost --storage Redis --redis "127.0.0.1:$redis_port"
run_store postgresql --clustering Localhost --storage PostgreSQL --postgres "$postgres"

echo
echo "| storage | card_authorization (closed model, $copies copies, $duration, silo and load generator on one machine) |"
echo "|---|---|"
for r in "${results[@]}"; do echo "| ${r%%|*} | ${r#*|} |"; done
