#!/usr/bin/env bash
# The first calls of a fresh process (the cold-start probe of the benchmark project) for the client,
# the hand-written baseline, the generated-model baseline, the STJ floor and the
# generated UsersClient alone over a plain HttpClient (bare), interleaved; prints every run and the medians.
# Usage: benchmarks/scripts/cold-start.sh [runs]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-10}
dotnet build benchmarks/Gcore.Iam.Benchmarks -c Release --no-restore -nologo -v:q >/dev/null
dll=benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll
log=$(mktemp)
for _ in $(seq "$runs"); do
  for variant in client bare handwritten generated stj; do
    dotnet "$dll" coldstart "$variant" | tee -a "$log"
  done
done
for variant in client bare handwritten generated stj; do
  line="variant=$variant medians:"
  for field in runtime_start_ms build_ms first_get_ms second_get_ms first_list_ms; do
    line+=" $field=$(grep "variant=$variant " "$log" | sed -n "s/.* $field=\([0-9.]*\).*/\1/p" | sort -n | awk -f benchmarks/scripts/median.awk)"
  done
  echo "$line"
done
rm -f "$log"
