-- wrk script for `make bench`: counts answers that are not 2xx in every thread and, when the run is
-- done, prints one line "BENCH_JSON {...}" that bench/report.py parses (latencies in milliseconds).

local threads = {}

function setup(thread)
   thread:set("non_2xx", 0)
   thread:set("first_bad_status", 0)
   table.insert(threads, thread)
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non_2xx = non_2xx + 1
      if first_bad_status == 0 then
         first_bad_status = status
      end
   end
end

function done(summary, latency, requests)
   local non_2xx_total = 0
   local first_bad = 0
   for _, thread in ipairs(threads) do
      non_2xx_total = non_2xx_total + thread:get("non_2xx")
      local status = thread:get("first_bad_status")
      if first_bad == 0 and status ~= 0 then
         first_bad = status
      end
   end
   local seconds = summary.duration / 1e6
   local answered = math.max(summary.requests, 1)
   local errors = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests": %d, "duration_s": %.3f, "requests_per_s": %.2f, '
         .. '"latency_ms": {"mean": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, "max": %.3f}, '
         .. '"bytes_per_response": %.1f, "non_2xx": %d, "first_bad_status": %d, '
         .. '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}}\n',
      summary.requests, seconds, summary.requests / seconds,
      latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      summary.bytes / answered, non_2xx_total, first_bad,
      errors.connect, errors.read, errors.write, errors.timeout))
end
