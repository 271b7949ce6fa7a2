#!/bin/sh
# The staged-flags process tests' scale command: writes what Greenlight scales (GREENLIGHT_SERVICE) and to how many
# instances (GREENLIGHT_REPLICAS) to the file named by the first argument, where the test reads it.
printf '%s %s' "$GREENLIGHT_SERVICE" "$GREENLIGHT_REPLICAS" > "$1"
