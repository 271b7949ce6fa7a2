#!/bin/sh
# The stuck-rollout test's deploy: the deploy tool is missing until the file $1 exists, which is the person's fix.
if [ ! -e "$1" ]; then
  echo "deploy-tool: command not found" >&2
  exit 127
fi
