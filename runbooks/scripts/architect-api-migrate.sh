#!/bin/sh
# Runs the Architect Dashboard API's own migrations, "up" or "down" (seed 002), with the PG* login variables Greenlight
# sets. The binary is the release's, installed next to the service.
set -eu
exec "${ARCHITECT_API_HOME:-/srv/architect-api}/architect-api" migrate --direction "$1"
