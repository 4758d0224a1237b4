#!/usr/bin/env bash
# Prints the path of the benchmark program built from <commit> (exported with git archive into a
# directory of its own under $TMPDIR and built there once), for the scripts that compare commits.
# Usage: benchmarks/scripts/step-build.sh <commit>
set -euo pipefail
cd "$(dirname "$0")/../.."
commit=$1
cache=${TMPDIR:-/tmp}/gcore-iam-cold-start-steps
dll="$cache/$commit/benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll"
if [ ! -f "$dll" ]; then
  rm -rf "${cache:?}/$commit" && mkdir -p "$cache/$commit"
  git archive "$commit" | tar -x -C "$cache/$commit"
  dotnet build "$cache/$commit/benchmarks/Gcore.Iam.Benchmarks" -c Release -nologo -v:q > "$cache/$commit.build.log" \
    || { grep -E 'error' "$cache/$commit.build.log" >&2; echo "$commit does not build" >&2; exit 1; }
fi
echo "$dll"
