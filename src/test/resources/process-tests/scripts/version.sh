#!/bin/sh
# The failure tests' release: the version live for the service is kept in the file $1. deploy writes
# GREENLIGHT_VERSION there, revert GREENLIGHT_PREVIOUS_VERSION, current prints it.
set -e
case "$2" in
  deploy) echo "$GREENLIGHT_VERSION" > "$1" ;;
  revert) echo "$GREENLIGHT_PREVIOUS_VERSION" > "$1" ;;
  current) cat "$1" ;;
  *) echo "usage: version.sh FILE deploy|revert|current" >&2; exit 2 ;;
esac
