#!/bin/sh
# A migration tool's rollback that refuses, in the tool's own words on stderr: the database rollback process tests'.
echo "downgrade refused: column referral_code is in use" >&2
exit 3
