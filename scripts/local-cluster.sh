#!/usr/bin/env bash
# Local multi-silo cluster: N silo processes on free loopback ports, clustered and persisting through
# Redis or PostgreSQL. Each silo runs in its own session (setsid), so it outlives this shell.
#
#   scripts/local-cluster.sh start [--silos N] [--store redis|postgres] [--redis HOST:PORT]
#                                  [--postgres "CONNECTION STRING"] [--dir DIR] [--configuration Debug|Release]
#   scripts/local-cluster.sh stop  [--dir DIR]
#
# With --store redis and no --redis, a private redis-server is started in DIR (redis-server on PATH).
# With --store postgres, --postgres is required; the schema is applied first ('silo migrate').
# Clients connect to any printed gateway (client/loadtests/simulator: --gateway HOST:PORT --cluster-id ID).
# Exit codes: 0 ok, 1 a silo or store failed to start, 2 bad arguments.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "local-cluster: $1" >&2; exit "${2:-1}"; }
# need FLAG ARGC NEXT: a flag that takes a value got one ("--redis" alone, or "--redis --dir x", is an error).
need() { [ "$2" -ge 2 ] && [[ "$3" != --* ]] || { usage >&2; die "$1 needs a value" 2; }; }

command="${1:-}"; [ $# -gt 0 ] && shift
silos=3; store=redis; redis=""; postgres=""; dir="${TMPDIR:-/tmp}/actors-local-cluster"; configuration=Debug
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) need "$1" $# "${2:-}"; silos="$2"; shift 2 ;;
    --store) need "$1" $# "${2:-}"; store="$2"; shift 2 ;;
    --redis) need "$1" $# "${2:-}"; redis="$2"; shift 2 ;;
    --postgres) need "$1" $# "${2:-}"; postgres="$2"; shift 2 ;;
    --dir) need "$1" $# "${2:-}"; dir="$2"; shift 2 ;;
    --configuration) need "$1" $# "${2:-}"; configuration="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" 2 ;;
  esac
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

stop_cluster() {
  [ -d "$dir" ] || { echo "no cluster state in $dir"; return 0; }
  for pidfile in "$dir"/silo-*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -CONT "$pid" 2>/dev/null || true   # a SIGSTOPped silo must run to shut down
      kill -TERM "$pid"
      for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; echo "silo pid $pid did not stop within 60 s: killed"; else echo "silo pid $pid stopped"; fi
    fi
    rm -f "$pidfile"
  done
  if [ -e "$dir/redis.pid" ]; then
    kill -TERM "$(cat "$dir/redis.pid")" 2>/dev/null || true
    rm -f "$dir/redis.pid"
    echo "redis-server stopped"
  fi
}

case "$command" in
  stop) stop_cluster; exit 0 ;;
  start) ;;
  -h|--help|"") usage; [ -n "$command" ] && exit 0 || exit 2 ;;
  *) usage >&2; die "unknown command '$command' (start or stop)" 2 ;;
esac

[[ "$silos" =~ ^[1-9][0-9]?$ ]] || die "--silos must be a number from 1 to 99, got '$silos'" 2
case "$store" in redis|postgres) ;; *) die "--store must be redis or postgres, got '$store'" 2 ;; esac
[ "$store" = postgres ] && [ -z "$postgres" ] && die "--store postgres needs --postgres \"Host=...;Username=...;Database=actors;Maximum Pool Size=40\"" 2
[ -e "$dir"/silo-1.pid ] && die "a cluster already runs from $dir: '$0 stop --dir $dir' first" 2
mkdir -p "$dir"

echo "building silo ($configuration)..."
dotnet build "$root/silo/Actors.Silo.csproj" -c "$configuration" -v q -nologo >"$dir/build.log" 2>&1 || die "build failed, see $dir/build.log"
dll="$root/silo/bin/$configuration/net10.0/Actors.Silo.dll"

if [ "$store" = redis ]; then
  if [ -z "$redis" ]; then
    command -v redis-server >/dev/null || die "redis-server is not on PATH: install it (apt-get install redis-server) or pass --redis HOST:PORT" 2
    port=$(free_port)
    redis-server --bind 127.0.0.1 --port "$port" --daemonize yes --dir "$dir" --pidfile "$dir/redis.pid" \
      --logfile "$dir/redis.log" --save "" --appendonly yes >/dev/null || die "redis-server did not start, see $dir/redis.log"
    redis="127.0.0.1:$port"
    echo "redis-server on $redis (data in $dir)"
  fi
  store_args=(--clustering Redis --storage Redis --redis "$redis")
else
  dotnet "$dll" migrate --postgres "$postgres" || die "migration failed"
  store_args=(--clustering PostgreSQL --storage PostgreSQL --postgres "$postgres")
fi

cluster_id="local-$(date +%s)"
gateways=()
for i in $(seq 1 "$silos"); do
  silo_port=$(free_port); gateway_port=$(free_port); http_port=$(free_port)
  setsid dotnet "$dll" --silo-port "$silo_port" --gateway-port "$gateway_port" --Actors:Silo:HttpPort="$http_port" \
    --cluster-id "$cluster_id" --service-id actors "${store_args[@]}" >"$dir/silo-$i.log" 2>&1 < /dev/null &
  echo $! >"$dir/silo-$i.pid"
  gateways+=("127.0.0.1:$gateway_port")
  echo "silo $i: pid $(cat "$dir/silo-$i.pid"), silo port $silo_port, gateway 127.0.0.1:$gateway_port, http 127.0.0.1:$http_port, log $dir/silo-$i.log"
done

for i in $(seq 1 "$silos"); do
  for _ in $(seq 1 900); do
    grep -q "Actors silo ready" "$dir/silo-$i.log" && break
    kill -0 "$(cat "$dir/silo-$i.pid")" 2>/dev/null || { tail -20 "$dir/silo-$i.log" >&2; stop_cluster; die "silo $i exited during start-up"; }
    sleep 0.1
  done
  grep -q "Actors silo ready" "$dir/silo-$i.log" || { tail -20 "$dir/silo-$i.log" >&2; stop_cluster; die "silo $i was not ready within 90 s"; }
done

printf 'CLUSTER_ID=%s\nGATEWAYS="%s"\n' "$cluster_id" "${gateways[*]}" >"$dir/cluster.env"
echo
echo "cluster '$cluster_id' ready: $silos silos on $store"
echo "gateways: ${gateways[*]}"
echo "connect:  dotnet run --project client -- --gateway ${gateways[0]} --cluster-id $cluster_id demo"
echo "stop:     $0 stop --dir $dir"
