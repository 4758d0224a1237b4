#!/usr/bin/env bash
# The cold start of the client at several commits, one fix after another, in one interleaved run:
# each commit's benchmark program is built once (step-build.sh); then every run starts a fresh process per commit (`coldstart client`) and one
# for the hand-written baseline of the current tree. Prints every run, the medians per commit and
# the number of methods the JIT compiles in each.
# Usage: benchmarks/scripts/cold-start-steps.sh <runs> <commit>...
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=$1
shift
declare -A dll
for commit in "$@"; do
  dll[$commit]=$(bash benchmarks/scripts/step-build.sh "$commit")
done
dotnet build benchmarks/Gcore.Iam.Benchmarks -c Release --no-restore -nologo -v:q >/dev/null
current=benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll
log=$(mktemp)
for _ in $(seq "$runs"); do
  for commit in "$@"; do
    echo "commit=$commit $(dotnet "${dll[$commit]}" coldstart client)" | tee -a "$log"
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
# Methods the JIT compiles in the whole probe process (the runtime's own list; load does not change it).
for commit in "$@"; do
  DOTNET_JitStdOutFile="$log.jit" DOTNET_JitDisasmSummary=1 dotnet "${dll[$commit]}" coldstart client >/dev/null
  echo "commit=$commit jit_compiled_methods=$(grep -c 'JIT compiled' "$log.jit")"
  rm -f "$log.jit"
done
DOTNET_JitStdOutFile="$log.jit" DOTNET_JitDisasmSummary=1 dotnet "$current" coldstart handwritten >/dev/null
echo "commit=current(handwritten) jit_compiled_methods=$(grep -c 'JIT compiled' "$log.jit")"
rm -f "$log" "$log.jit"
