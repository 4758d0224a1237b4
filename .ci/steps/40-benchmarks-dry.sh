#!/usr/bin/env bash
# Builds the benchmark project in Release and runs every benchmark once (BenchmarkDotNet's dry job:
# one launch, one iteration, no warm-up), so a benchmark that no longer builds, whose setup check
# finds the client, the baseline and the floor disagreeing, or that throws, fails CI. Numbers from
# this run mean nothing and are not read: a benchmark is never a timed test (benchmarks/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
project=benchmarks/Gcore.Iam.Benchmarks
dotnet build "$project" -c Release --no-restore -nologo -v:q
# In-memory cases only (the loopback ones start Kestrel and add a minute), in this process
# (--inProcess: BenchmarkDotNet's own build of a host project would take another 60-90 s on two
# cores); the artifacts go to .ci/out so nothing lands in the work tree.
dotnet run --project "$project" -c Release --no-build -- \
  --job dry --inProcess --filter '*UsersBenchmarks*' '*LayerBenchmarks*' --artifacts "$(pwd)/.ci/out/benchmarks" --stopOnFirstError
