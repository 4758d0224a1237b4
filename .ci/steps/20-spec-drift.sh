#!/usr/bin/env bash
# Drift check: openapi/ must be exactly what the import makes from the recorded source
# (openapi/source.json names it and its SHA-256). Fails naming the first differences.
set -euo pipefail
dotnet run --project tools/Gcore.Iam.SpecTool -- import --check
