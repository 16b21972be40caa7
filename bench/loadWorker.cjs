// A load run with a body (and a caller) per request, in a process of its own: the autocannon
// API with setupRequest, which the CLI cannot do. Reads its settings from the JSON file named
// by argv[2]; prints the result as one JSON line. CommonJS: autocannon is CommonJS.
'use strict';
const { readFileSync } = require('node:fs');
const autocannon = require('autocannon');

const settings = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let next = 0;
autocannon(
  {
    url: settings.url,
    connections: settings.connections,
    duration: settings.durationS,
    ...(settings.rate ? { overallRate: settings.rate } : {}),
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
  (err, r) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    console.log(
      JSON.stringify({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.non2xx,
        requests: r.requests.total,
      }),
    );
  },
);
