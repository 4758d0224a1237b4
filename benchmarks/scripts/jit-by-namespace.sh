#!/usr/bin/env bash
# The methods the JIT compiles in a cold-start probe of the client (`coldstart client`, a fresh
# process: building the client, two gets, a list) at each commit, counted by what they belong to
# (the runtime's own list, DOTNET_JitDisasmSummary; the load does not change it).
# Usage: benchmarks/scripts/jit-by-namespace.sh <commit>...
set -euo pipefail
cd "$(dirname "$0")/../.."
list=$(mktemp)
for commit in "$@"; do
  dll=$(bash benchmarks/scripts/step-build.sh "$commit")
  rm -f "$list"
  DOTNET_JitStdOutFile="$list" DOTNET_JitDisasmSummary=1 dotnet "$dll" coldstart client >/dev/null
  echo "commit=$commit methods=$(grep -c 'JIT compiled' "$list")"
  sed -E 's/^ *[0-9]+: JIT compiled //' "$list" | awk '
    /^Polly/ { c["Polly"]++; next }
    /^Microsoft\.Extensions/ { c["Microsoft.Extensions (Http.Resilience, Logging)"]++; next }
    /Polly\./ { c["framework generics over Polly types"]++; next }
    /^Newtonsoft/ { c["Newtonsoft.Json"]++; next }
    /^Gcore\.Iam\.Benchmarks/ { c["the probe"]++; next }
    /^Gcore\.Iam/ { c["Gcore.Iam (the library, generated code included)"]++; next }
    { c["other framework code"]++ }
    END { for (k in c) printf "  %5d  %s\n", c[k], k }' | sort -rn
done
rm -f "$list"
