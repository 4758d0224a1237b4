#!/usr/bin/env bash
# Peak working set of a fresh process walking 10,000 and 100,000 users in pages of 1,000 (the memory
# probe of the benchmark project), several times each, interleaved; prints every run and the medians.
# Usage: benchmarks/scripts/memory-walk.sh [runs] [variant] [memory|loopback]   (default 5, client, memory)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
variant=${2:-client}
transport=${3:-memory}
dotnet build benchmarks/Gcore.Iam.Benchmarks -c Release --no-restore -nologo -v:q >/dev/null
dll=benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll
log=$(mktemp)
for _ in $(seq "$runs"); do
  for users in 10000 100000; do
    dotnet "$dll" memory "$users" "$variant" "$transport" | tee -a "$log"
  done
done
med() { grep " users=$1 " "$log" | sed -n 's/.*peak_working_set_mib=\([0-9.]*\).*/\1/p' | sort -n | awk -f benchmarks/scripts/median.awk; }
small=$(med 10000); large=$(med 100000)
echo "variant=$variant transport=$transport median_peak_working_set_mib: 10,000 users $small, 100,000 users $large, ratio $(awk -v a="$large" -v b="$small" 'BEGIN { printf "%.3f", a / b }')"
rm -f "$log"
