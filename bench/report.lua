-- wrk's summary as one line of JSON (latencies in microseconds), for bench/run.py.
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "status_errors": %d, '
      .. '"socket_errors": %d, "timeouts": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
      .. '"max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.status,
    errors.connect + errors.read + errors.write, errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
