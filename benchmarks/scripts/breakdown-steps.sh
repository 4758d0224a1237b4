#!/usr/bin/env bash
# Allocated bytes per call (the breakdown probe: get, update, list through the client, the
# generated UsersClient alone and the baselines; exact, whatever the load) at several commits.
# Usage: benchmarks/scripts/breakdown-steps.sh <commit>...
set -euo pipefail
cd "$(dirname "$0")/../.."
for commit in "$@"; do
  dll=$(bash benchmarks/scripts/step-build.sh "$commit")
  dotnet "$dll" breakdown 5000 | sed "s/^/commit=$commit /"
done
