#!/usr/bin/env bash
# Everything benchmarks/RESULTS.md reports, in one run, into benchmarks/results/ (about 20 minutes
# on two cores): machine and load, BenchmarkDotNet (in memory and loopback; client, hand-written
# baseline, generated-model baseline and STJ floor in the same run; the get layer by layer), peak
# memory of a walk, allocations, cold start (and the first call's JIT by component), and, with
# NOOP_BUILD=1, the no-op build with and without the NSwag target (about 6 minutes more).
# BenchmarkDotNet runs in process (--inProcess): on this shared machine, building a boilerplate
# project per job took longer than its two-minute build timeout.
# Usage: [COLD_START_STEPS="<commit>..."] [NOOP_BUILD=1] benchmarks/scripts/run-all.sh [BenchmarkDotNet filter]   (default "*")
# COLD_START_STEPS: also the cold start and the bytes per call of the client at each of these commits
# (cold-start-steps.sh, breakdown-steps.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=benchmarks/results
mkdir -p "$out"
{
  date -u
  echo "uptime before: $(uptime)"
  lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Core'
  grep MemTotal /proc/meminfo
  grep PRETTY_NAME /etc/os-release
  echo "dotnet SDK $(dotnet --version)"
  dotnet --list-runtimes | grep NETCore
} > "$out/machine.txt"

dotnet build benchmarks/Gcore.Iam.Benchmarks -c Release -nologo -v:q
(cd benchmarks/Gcore.Iam.Benchmarks && dotnet run -c Release --no-build -- \
  --filter "${1:-*}" --inProcess --exporters json github --artifacts "$(pwd)/../results/bdn") | tee "$out/bdn.log" | grep -E '^\||Run time|Global total'
echo "uptime after BenchmarkDotNet: $(uptime)" >> "$out/machine.txt"
python3 benchmarks/scripts/results-table.py "$out"/bdn/results/*.json > "$out/table.md"

bash benchmarks/scripts/memory-walk.sh 5 client memory | tee "$out/memory-walk.txt" | tail -1
bash benchmarks/scripts/memory-walk.sh 3 handwritten memory | tail -1 | tee -a "$out/memory-walk.txt"
bash benchmarks/scripts/memory-walk.sh 3 client loopback | tee -a "$out/memory-walk.txt" | tail -1
bash benchmarks/scripts/memory-walk.sh 3 handwritten loopback | tail -1 | tee -a "$out/memory-walk.txt"
dotnet benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll breakdown | tee "$out/breakdown.txt"
for variant in client handwritten; do
  dotnet benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll allocations "$variant" 200
done | tee "$out/allocations.txt"
echo "uptime before cold start: $(uptime)" >> "$out/machine.txt"
bash benchmarks/scripts/cold-start.sh 15 | tee "$out/cold-start.txt" | tail -5
for variant in client bare handwritten; do
  dotnet benchmarks/Gcore.Iam.Benchmarks/bin/Release/net10.0/Gcore.Iam.Benchmarks.dll coldstart "$variant" --jit
done > "$out/cold-start-jit.txt"
if [ -n "${COLD_START_STEPS:-}" ]; then
  # shellcheck disable=SC2086
  bash benchmarks/scripts/cold-start-steps.sh 10 $COLD_START_STEPS | tee "$out/cold-start-steps.txt" | tail -8
  # shellcheck disable=SC2086
  bash benchmarks/scripts/breakdown-steps.sh $COLD_START_STEPS > "$out/breakdown-steps.txt"
fi
if [ "${NOOP_BUILD:-0}" = 1 ]; then
  echo "uptime before no-op builds: $(uptime)" >> "$out/machine.txt"
  bash benchmarks/scripts/noop-build.sh 12 2>&1 | tee "$out/noop-build.txt" | grep -E 'Skipping|NSwag ran|Time \(mean|times faster|^Benchmark'
fi
echo "uptime at the end: $(uptime)" >> "$out/machine.txt"
