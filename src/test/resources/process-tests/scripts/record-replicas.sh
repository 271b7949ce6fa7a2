#!/bin/sh
# The staged-flags process tests' scale command: writes the replica count Greenlight passes in GREENLIGHT_REPLICAS to
# the file named by the first argument, where the test reads it.
printf %s "$GREENLIGHT_REPLICAS" > "$1"
