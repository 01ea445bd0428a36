-- wrk script for bench/admin_bench.sh: every request carries the bearer token from the
-- environment (SINKRON_BENCH_TOKEN), never from the command line. SINKRON_BENCH_DELAY_MS paces
-- each connection (a pause before each request): with C connections and a pause of D ms the
-- rate stays under C * 1000 / D requests/s, which stands in for wrk2's fixed rate.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SINKRON_BENCH_TOKEN")
local pause = tonumber(os.getenv("SINKRON_BENCH_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end
