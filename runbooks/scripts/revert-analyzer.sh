#!/bin/sh
# Returns the analyzer to GREENLIGHT_PREVIOUS_VERSION through its deployment controller (seed 003's rollback).
set -eu
curl --fail --silent --show-error --max-time 60 -X POST \
  -H 'Content-Type: application/json' \
  -d "{\"version\": \"${GREENLIGHT_PREVIOUS_VERSION}\", \"rolloutId\": \"${GREENLIGHT_ROLLOUT_ID}\"}" \
  "${ANALYZER_CONTROLLER_URL:-http://deployment-controller.internal:3000}/api/deployments"
