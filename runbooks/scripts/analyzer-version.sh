#!/bin/sh
# Prints the analyzer version the deployment controller serves now, on its last line (release.command.currentVersion).
# The answer is read whole first: a failed request or an answer without a version ends the script non-zero, so that
# curl's error is never taken for a version.
set -eu
answer=$(curl --fail --silent --show-error --max-time 30 \
  "${ANALYZER_CONTROLLER_URL:-http://deployment-controller.internal:3000}/api/version")
version=$(printf '%s\n' "$answer" | sed -n 's/.*"version" *: *"\([^"]*\)".*/\1/p')
if [ -z "$version" ]; then
  echo "the deployment controller's answer names no version: $answer" >&2
  exit 1
fi
echo "$version"
