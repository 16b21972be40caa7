#!/bin/sh
# Runs one service of hoi-gateway from its compiled entry (the image's ENTRYPOINT).
#   hoi-service <gateway|consent|cases|benefits|interventions|employment|screening|plan|simulator|ui>
# The service name may also come from SERVICE. Node replaces this shell (exec), so SIGTERM
# reaches the service itself: it turns /ready 503, drains, then closes (README, "Deployment").
set -eu

service="${1:-${SERVICE:-gateway}}"
case "$service" in
  gateway)       entry=gateway/dist/index.js;   port="${PORT:-4000}" ;;
  consent)       entry=subgraphs/consent/dist/index.js;       port="${CONSENT_PORT:-4001}" ;;
  cases)         entry=subgraphs/cases/dist/index.js;         port="${CASES_PORT:-4002}" ;;
  benefits)      entry=subgraphs/benefits/dist/index.js;      port="${BENEFITS_PORT:-4003}" ;;
  interventions) entry=subgraphs/interventions/dist/index.js; port="${INTERVENTIONS_PORT:-4004}" ;;
  employment)    entry=subgraphs/employment/dist/index.js;    port="${EMPLOYMENT_PORT:-4005}" ;;
  screening)     entry=subgraphs/screening/dist/index.js;     port="${SCREENING_PORT:-4006}" ;;
  plan)          entry=subgraphs/plan/dist/index.js;          port="${PLAN_PORT:-4007}" ;;
  simulator)     entry=simulator/dist/index.js;               port="${SIMULATOR_PORT:-4010}" ;;
  ui)            entry=ui/dist/server/index.js;               port="${UI_PORT:-4100}" ;;
  *)
    echo "hoi-service: unknown service \"$service\"; one of gateway, consent, cases, benefits, interventions, employment, screening, plan, simulator, ui" >&2
    exit 64
    ;;
esac

# For the image's HEALTHCHECK (a separate process that does not see this argument). A
# read-only /tmp only costs the Docker health check; Kubernetes probes the port itself.
echo "http://127.0.0.1:${port}/health" > /tmp/hoi-health-url 2>/dev/null || true

cd /app
exec node "$entry"
