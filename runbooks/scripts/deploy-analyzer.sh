#!/bin/sh
# Deploys GREENLIGHT_VERSION of the analyzer through its deployment controller (seed 003). Greenlight runs this script
# because it lies in the runbooks' scripts/ directory (greenlight.commands.allowed-directories), reviewed together with
# analyzer-canary.yaml; values arrive only as environment variables, never as arguments.
set -eu
curl --fail --silent --show-error --max-time 60 -X POST \
  -H 'Content-Type: application/json' \
  -d "{\"version\": \"${GREENLIGHT_VERSION}\", \"rolloutId\": \"${GREENLIGHT_ROLLOUT_ID}\"}" \
  "${ANALYZER_CONTROLLER_URL:-http://deployment-controller.internal:3000}/api/deployments"
