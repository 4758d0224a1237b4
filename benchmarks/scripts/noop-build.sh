#!/usr/bin/env bash
# The cost of build-time generation on a no-op build of the library, and when NSwag runs.
#  1. checks that a no-op build skips the generator ("Skipping target GcoreIamGenerateClient")
#     and that touching the spec or nswag.json runs it again;
#  2. times no-op `dotnet build` of the library with and without the NSwag target
#     (WithoutNSwagTarget.targets), with hyperfine (Debian package `hyperfine`), in both orders.
# Usage: benchmarks/scripts/noop-build.sh [runs]   (default 15; writes benchmarks/results/noop-build-*.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-15}
lib=src/Gcore.Iam.Generated
out=benchmarks/results
mkdir -p "$out"
without="-p:CustomAfterMicrosoftCommonTargets=$(pwd)/benchmarks/scripts/WithoutNSwagTarget.targets"
build() { dotnet build "$lib" --no-restore -nologo "$@"; }

build -v:q >/dev/null # everything generated and compiled
echo "== no-op build (-v:n):"
build -v:n | grep -E 'Skipping target "GcoreIamGenerateClient"|Target "GcoreIamGenerateClient"|dotnet-nswag|Skipping target "CoreCompile"' | sed 's/^ */  /' | sort | uniq -c
for input in openapi/gcore-iam.yaml nswag.json; do
  touch "$input"
  echo "== after touching $input:"
  runs_after_touch=$(build -v:n | grep -c 'dotnet-nswag.dll" run' || true)
  skips_next=$(build -v:n | grep -c 'Skipping target "GcoreIamGenerateClient"' || true)
  echo "  NSwag ran for $runs_after_touch target framework(s); the next build skipped it for $skips_next"
done

command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
build -v:q "$without" >/dev/null
hyperfine --warmup 3 --runs "$runs" --export-markdown "$out/noop-build-1.md" \
  -n "with NSwag target" "dotnet build $lib --no-restore -nologo -v:q" \
  -n "without NSwag target" "dotnet build $lib --no-restore -nologo -v:q $without"
hyperfine --warmup 3 --runs "$runs" --export-markdown "$out/noop-build-2.md" \
  -n "without NSwag target" "dotnet build $lib --no-restore -nologo -v:q $without" \
  -n "with NSwag target" "dotnet build $lib --no-restore -nologo -v:q"
# Alternating pairs, which cancel drift in the machine's load better than hyperfine's blocks.
echo "== interleaved pairs (with, without), seconds:"
for _ in $(seq "$runs"); do
  a=$({ /usr/bin/time -f %e dotnet build "$lib" --no-restore -nologo -v:q >/dev/null; } 2>&1)
  b=$({ /usr/bin/time -f %e dotnet build "$lib" --no-restore -nologo -v:q "$without" >/dev/null; } 2>&1)
  echo "$a $b"
done | tee "$out/noop-build-interleaved.txt" | awk '{ a += $1; b += $2; print } END { printf "mean with %.3f s, without %.3f s, ratio %.3f\n", a / NR, b / NR, a / b }'
