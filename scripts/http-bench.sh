#!/usr/bin/env bash
# HTTP benchmark of the gateway's balance read, measured twice in one run: by the load engine
# (loadtests scenario http_balance_check) and by an independent tool (wrk), side by side.
#
#   scripts/http-bench.sh [--users N] [--connections C] [--duration SECONDS] [--threads T]
#                         [--configuration Release|Debug] [--dir DIR]
#
# Starts a silo (in-memory storage) and the gateway on free loopback ports, seeds N users through
# the loadtests scenario's init (accounts, consents for 90 %, a link to partner "bench"), runs the
# scenario (closed model, C copies) and then wrk (C connections) for the same duration against the
# same endpoint, and prints throughput and latency percentiles of both. Needs wrk (apt-get install wrk).
# Exit codes: 0 ok, 1 a process failed to start or a run failed, 2 bad arguments.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "http-bench: $1" >&2; exit "${2:-1}"; }

users=2000; connections=32; duration=20; threads=2; configuration=Release; dir="${TMPDIR:-/tmp}/actors-http-bench"
while [ $# -gt 0 ]; do
  case "$1" in
    --users) users="${2:-}"; shift 2 ;;
    --connections) connections="${2:-}"; shift 2 ;;
    --duration) duration="${2:-}"; shift 2 ;;
    --threads) threads="${2:-}"; shift 2 ;;
    --configuration) configuration="${2:-}"; shift 2 ;;
    --dir) dir="${2:-}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument '$1'" 2 ;;
  esac
done
for n in "$users" "$connections" "$duration" "$threads"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "expected a positive integer, got '$n'" 2
done
[[ "$configuration" =~ ^(Release|Debug)$ ]] || die "--configuration must be Release or Debug, got '$configuration'" 2
command -v wrk >/dev/null || die "wrk is not installed (apt-get install -y wrk)" 1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mkdir -p "$dir"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Waits for a line in a process's log, or fails if the process dies or 120 s pass.
wait_for() { # pid log pattern what
  for _ in $(seq 1 1200); do
    grep -q "$3" "$2" 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || { cat "$2" >&2; die "$4 exited before it was ready" 1; }
    sleep 0.1
  done
  cat "$2" >&2; die "$4 was not ready within 120 s" 1
}

echo "Building silo, gateway and loadtests ($configuration)..."
for project in silo/Actors.Silo.csproj gateway/Actors.Gateway.csproj loadtests/Actors.LoadTests.csproj; do
  dotnet build "$root/$project" -c "$configuration" -v quiet -nologo >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; die "build of $project failed" 1; }
done

silo_port=$(free_port); gateway_port=$(free_port); http_port=$(free_port); dashboard_port=$(free_port); gateway_http=$(free_port)
cluster=bench
key="bench-partner-key-$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
url="http://127.0.0.1:$gateway_http"

dotnet "$root/silo/bin/$configuration/net10.0/Actors.Silo.dll" --cluster-id "$cluster" --silo-port "$silo_port" \
  --gateway-port "$gateway_port" --http-port "$dashboard_port" --Logging:LogLevel:Default Warning >"$dir/silo.log" 2>&1 &
pids+=($!); wait_for "${pids[-1]}" "$dir/silo.log" "Actors silo ready" "the silo"

# The partner "bench" with a large bucket: the benchmark measures the gateway, not its rate limit.
dotnet "$root/gateway/bin/$configuration/net10.0/Actors.Gateway.dll" --urls "$url" --orleans-gateway "127.0.0.1:$gateway_port" \
  --cluster-id "$cluster" --Actors:Gateway:Credentials:0:Role Partner --Actors:Gateway:Credentials:0:Subject bench \
  --Actors:Gateway:Credentials:0:Key "$key" --Actors:Gateway:RateLimit:TokenLimit 10000000 \
  --Actors:Gateway:RateLimit:TokensPerPeriod 10000000 --Logging:LogLevel:Default Warning >"$dir/gateway.log" 2>&1 &
pids+=($!); wait_for "${pids[-1]}" "$dir/gateway.log" "Actors gateway ready" "the gateway"
echo "Silo 127.0.0.1:$gateway_port, gateway $url; $users users, $connections connections, ${duration}s each."

echo "Load engine: http_balance_check (seeds the population first)..."
ACTORS_HTTP_URL="$url" ACTORS_HTTP_KEY="$key" ACTORS_HTTP_PARTNER=bench \
  dotnet "$root/loadtests/bin/$configuration/net10.0/Actors.LoadTests.dll" run --scenario http_balance_check \
  --gateway "127.0.0.1:$gateway_port" --cluster-id "$cluster" --users "$users" --copies "$connections" \
  --duration "${duration}s" --warm-up 3s --no-console --report-dir "$dir/reports" >"$dir/loadtests.log" 2>&1 \
  || { cat "$dir/loadtests.log" >&2; die "the loadtests run failed" 1; }
# The summary's row for the whole scenario: scenario step time ok fail rps p50 p95 p99 p99.9 max.
engine=$(awk '$1 == "http_balance_check" && $2 == "global" && $3 == "response"' "$dir/loadtests.log" | tail -1)
[ -n "$engine" ] || { cat "$dir/loadtests.log" >&2; die "no summary line from loadtests" 1; }

echo "wrk: the same endpoint..."
BENCH_USERS="$users" BENCH_KEY="$key" wrk -t "$threads" -c "$connections" -d "${duration}s" --latency \
  -s "$root/scripts/http-bench.lua" "$url" >"$dir/wrk.log" 2>&1 || { cat "$dir/wrk.log" >&2; die "wrk failed" 1; }

# Latencies to milliseconds: wrk prints e.g. 812.00us, 1.23ms, 2.01s.
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v / 1000; else if (v ~ /ms$/) printf "%.2f", v + 0; else if (v ~ /s$/) printf "%.2f", v * 1000; else print v }'; }
e_rps=$(awk '{ printf "%.0f", $6 }' <<<"$engine")
e_p50=$(awk '{ print $7 }' <<<"$engine")
e_p99=$(awk '{ print $9 }' <<<"$engine")
e_max=$(awk '{ print $11 }' <<<"$engine")
e_fail=$(awk '{ print $5 }' <<<"$engine")
w_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$dir/wrk.log")
w_p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$dir/wrk.log")")
w_p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$dir/wrk.log")")
w_max=$(to_ms "$(awk '$1 == "Latency" { print $4; exit }' "$dir/wrk.log")")
w_non2xx=$(awk '/^wrk-errors:/ { print $2 }' "$dir/wrk.log")
w_fail=$(awk '/^wrk-errors:/ { print $4 }' "$dir/wrk.log")

echo
echo "GET /v1/partner/users/{id}/banks/CHASE/balance, $connections concurrent, ${duration}s, $users users"
printf '%-24s %12s %10s %10s %10s %8s\n' "tool" "req/s" "p50 ms" "p99 ms" "max ms" "errors"
printf '%-24s %12s %10s %10s %10s %8s\n' "loadtests (engine)" "$e_rps" "$e_p50" "$e_p99" "$e_max" "$e_fail"
printf '%-24s %12s %10s %10s %10s %8s\n' "wrk" "$w_rps" "$w_p50" "$w_p99" "$w_max" "$w_fail"
echo "(loadtests counts 403 consent_required as ok; wrk answered $w_non2xx non-2xx, mostly those 403s)"
echo
echo "Logs and reports: $dir"
