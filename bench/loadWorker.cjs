// A load run with a body (and a caller) per request, in a process of its own. Reads its
// settings from the JSON file named by argv[2]; prints the result as one JSON line.
// CommonJS: autocannon is CommonJS.
//
// Closed-loop (no `rate`): the autocannon API with setupRequest, which the CLI cannot do.
// Open-loop (`rate`): requests start on a fixed schedule, one every 1000/rate ms, whatever the
// answers do, on a keep-alive pool of `connections` (undici); each latency runs from the
// request's scheduled start to its last byte. autocannon's own rate mode lets each connection
// send its share of a second back to back and then wait, which is not a fixed rate, and its
// latencies under it were ~20 ms lower than the gateways' own and than a fetch loop's.
'use strict';
const { readFileSync } = require('node:fs');
const { performance } = require('node:perf_hooks');
const { setTimeout } = require('node:timers');
const { URL } = require('node:url');

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function openLoop() {
  const { Pool } = require('undici');
  const url = new URL(settings.url);
  const pool = new Pool(url.origin, { connections: settings.connections, pipelining: 1 });
  const interval = 1000 / settings.rate;
  const total = Math.round(settings.rate * settings.durationS);
  const latencies = [];
  let errors = 0;
  const started = performance.now();
  const runs = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const j = i % settings.bodies.length;
    runs.push(
      pool
        .request({
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${settings.tokens[j % settings.tokens.length]}`,
          },
          body: settings.bodies[j],
        })
        .then(async (res) => {
          await res.body.text();
          if (res.statusCode >= 300) errors++;
          else latencies.push(performance.now() - due);
        })
        .catch(() => errors++),
    );
  }
  await Promise.all(runs);
  const elapsed = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    rps: total / elapsed,
    p50: Math.round(percentile(latencies, 50)),
    p99: Math.round(percentile(latencies, 99)),
    errors,
    requests: total,
  };
}

function closedLoop() {
  const autocannon = require('autocannon');
  let next = 0;
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: settings.url,
        connections: settings.connections,
        duration: settings.durationS,
        requests: [
          {
            method: 'POST',
            setupRequest(req) {
              const i = next++ % settings.bodies.length;
              req.body = settings.bodies[i];
              req.headers = {
                'content-type': 'application/json',
                authorization: `Bearer ${settings.tokens[i % settings.tokens.length]}`,
              };
              return req;
            },
          },
        ],
      },
      (err, r) =>
        err
          ? reject(err)
          : resolve({
              rps: r.requests.average,
              p50: r.latency.p50,
              p99: r.latency.p99,
              errors: r.errors + r.non2xx,
              requests: r.requests.total,
            }),
    ),
  );
}

const cpuBefore = process.cpuUsage();
(settings.rate ? openLoop() : closedLoop()).then(
  (result) => {
    // The load generator's own CPU: it shares the machine with what it measures.
    const cpu = process.cpuUsage(cpuBefore);
    console.log(JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 }));
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
