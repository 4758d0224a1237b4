#!/usr/bin/env bash
# The cold start of the client at several commits, one fix after another, in one interleaved run:
# each commit is exported (git archive) into a directory of its own and its benchmark project
# built there once; then every run starts a fresh process per commit (`coldstart client`) and one
# for the hand-written baseline of the current tree. Prints every run and the medians per commit.
# Usage: benchmarks/scripts/cold-start-steps.sh <runs> <commit>...
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=$1
shift
cache=${TMPDIR:-/tmp}/gcore-iam-cold-start-steps
dll_of() { echo "$cache/$1/benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll"; }
for commit in "$@"; do
  if [ ! -f "$(dll_of "$commit")" ]; then
    rm -rf "${cache:?}/$commit" && mkdir -p "$cache/$commit"
    git archive "$commit" | tar -x -C "$cache/$commit"
    dotnet build "$cache/$commit/benchmarks/Gcore.Iam.Benchmarks" -c Release -nologo -v:q > "$cache/$commit.build.log" \
      || { grep -E 'error' "$cache/$commit.build.log" >&2; echo "$commit does not build" >&2; exit 1; }
  fi
done
dotnet build benchmarks/Gcore.Iam.Benchmarks -c Release --no-restore -nologo -v:q >/dev/null
current=benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll
log=$(mktemp)
for _ in $(seq "$runs"); do
  for commit in "$@"; do
    echo "commit=$commit $(dotnet "$(dll_of "$commit")" coldstart client)" | tee -a "$log"
  done
  echo "commit=current $(dotnet "$current" coldstart handwritten)" | tee -a "$log"
done
for commit in "$@" current; do
  line="commit=$commit medians:"
  for field in build_ms first_get_ms; do
    line+=" $field=$(grep "^commit=$commit " "$log" | sed -n "s/.* $field=\([0-9.]*\).*/\1/p" | sort -n | awk -f benchmarks/scripts/median.awk)"
  done
  echo "$line"
done
rm -f "$log"
