#!/bin/sh
# Prints the analyzer version the deployment controller serves now, on its last line (release.command.currentVersion).
set -eu
curl --fail --silent --show-error --max-time 30 \
  "${ANALYZER_CONTROLLER_URL:-http://deployment-controller.internal:3000}/api/version" \
  | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p'
