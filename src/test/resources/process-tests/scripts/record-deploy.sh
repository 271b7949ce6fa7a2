#!/bin/sh
# The blue-green process tests' deploy: appends the side and version Greenlight deploys (GREENLIGHT_TARGET_SIDE,
# GREENLIGHT_VERSION) to the file named by the first argument, where the test reads them.
echo "deploy $GREENLIGHT_TARGET_SIDE $GREENLIGHT_VERSION" >> "$1"
