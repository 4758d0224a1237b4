#!/usr/bin/env bash
# Spec lint: Spectral with its OpenAPI ruleset (.spectral.yaml extends spectral:oas) on the spec the
# client is generated from. Fails on errors; warnings are shown. Spectral is pinned in
# tools/spectral/package-lock.json and installed here from the npm registry the machine is set up for.
set -euo pipefail
npm ci --prefix tools/spectral --ignore-scripts --no-audit --no-fund --loglevel=error
tools/spectral/node_modules/.bin/spectral lint openapi/gcore-iam.yaml --ruleset .spectral.yaml --fail-severity error
