-- wrk script for scripts/http-bench.sh: the balance read of http_balance_check, on a random user of
-- the load-test population (lt-u0 .. lt-u{USERS-1}), with the benchmark partner's API key.
local users = tonumber(os.getenv("BENCH_USERS") or "1000")
local key = os.getenv("BENCH_KEY")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  local path = "/v1/partner/users/lt-u" .. math.random(0, users - 1) .. "/banks/CHASE/balance"
  return wrk.format("GET", path, { ["X-Api-Key"] = key })
end

-- 403 answers (the population's 10 % without consent) count as "non-2xx" in wrk's own summary.
function done(summary, latency, requests)
  io.write(string.format("wrk-errors: %d non-2xx, %d socket\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
