#!/usr/bin/env bash
# Packaging, tested the way users get the packages (issue 6):
#   1. pack every packable project of the solution (Release, deterministic) into a local folder feed;
#   2. inspect the packages: tests/Gcore.Iam.Packaging.Tests with GCORE_IAM_PACKAGE_FEED set
#      (per-package expectations: tests/Gcore.Iam.Packaging.Tests/PackageExpectations.cs);
#   3. restore, build and run tests/consumer, a separate application outside the solution that gets the
#      client from that feed (plus the machine's package source), with a dedicated, emptied NUGET_PACKAGES
#      so that no earlier copy of a package can stand in for the one just packed; it calls a netstandard2.0
#      library of its own (tests/consumer/NetStandardLibrary), compiled against lib/netstandard2.0 from
#      the same feed (checked in that library's obj/project.assets.json), which lists users from the fake;
#   4. install every .NET tool package of the feed into a tool path and run it with --help.
# Restores everything it needs itself. Run from anywhere: bash .ci/steps/50-pack-and-consume.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/.ci/out"
feed="$out/feed"                     # tests/consumer/nuget.config points here
packages="$out/consumer-packages"    # the consumer's own package folder
consumer=tests/consumer
library=$consumer/NetStandardLibrary   # a user's netstandard2.0 library, referenced by the consumer
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

say() { printf -- '-- %s\n' "$*"; }

say "pack every packable project of Gcore.Iam.Generated.sln into $feed"
rm -rf "$feed"
mkdir -p "$feed" "$out/trx"
# A full rebuild first: a Release build already in obj/ (from a plain `dotnet build -c Release`) would
# otherwise be packed as it is, without the deterministic, path-mapped settings the packages promise.
dotnet build Gcore.Iam.Generated.sln -c Release --no-incremental -p:ContinuousIntegrationBuild=true
dotnet pack Gcore.Iam.Generated.sln -c Release --no-build -o "$feed" -p:ContinuousIntegrationBuild=true
ls -l "$feed"

say "inspect the packages"
GCORE_IAM_PACKAGE_FEED="$feed" dotnet test tests/Gcore.Iam.Packaging.Tests/Gcore.Iam.Packaging.Tests.csproj \
  --logger "trx;LogFileName=packaging.trx" --logger "console;verbosity=normal" --results-directory "$out/trx"

shopt -s nullglob
client=("$feed"/Gcore.Iam.Generated.[0-9]*.nupkg)
if [ "${#client[@]}" -ne 1 ]; then
  echo "expected one Gcore.Iam.Generated package in $feed, found ${#client[@]}" >&2
  exit 1
fi
version=$(basename "${client[0]}" .nupkg)
version=${version#Gcore.Iam.Generated.}

say "consume Gcore.Iam.Generated $version from the feed: $consumer"
rm -rf "$packages" "$consumer/bin" "$consumer/obj" "$library/bin" "$library/obj"
export NUGET_PACKAGES="$packages" GCORE_IAM_PACKAGE_FEED="$feed"
dotnet restore "$consumer/Gcore.Iam.Consumer.csproj" -p:GcoreIamVersion="$version"
dotnet build "$consumer/Gcore.Iam.Consumer.csproj" --no-restore -c Release -p:GcoreIamVersion="$version"

say "the netstandard2.0 library compiled against the package's lib/netstandard2.0"
python3 - "$library/obj/project.assets.json" "$version" <<'PY'
import json, sys
assets_path, version = sys.argv[1], sys.argv[2]
with open(assets_path, encoding="utf-8") as f:
    assets = json.load(f)
# The one target of the library: keyed "netstandard2.0" (assets version 4) or ".NETStandard,Version=v2.0" (older).
targets = assets["targets"]
ok = len(targets) == 1 and list(targets)[0] in ("netstandard2.0", ".NETStandard,Version=v2.0")
print(f"  {'ok  ' if ok else 'FAIL'} the library restores for netstandard2.0 only: {list(targets)}")
entry = next(iter(targets.values()), {}).get(f"Gcore.Iam.Generated/{version}", {})
compile_assets = list(entry.get("compile", {}))
runtime_assets = list(entry.get("runtime", {}))
expected = ["lib/netstandard2.0/Gcore.Iam.Generated.dll"]
for kind, found in (("compile", compile_assets), ("runtime", runtime_assets)):
    good = found == expected
    ok = ok and good
    print(f"  {'ok  ' if good else 'FAIL'} Gcore.Iam.Generated {version} {kind} asset: {found}")
sys.exit(0 if ok else 1)
PY

# Each target framework's build runs: net10.0 as is; net8.0 rolls forward to the newest runtime when
# no .NET 8 runtime is installed (this machine has only .NET 10), so the lib/net8.0 asset runs too.
for tfm in net10.0 net8.0; do
  say "run the consumer ($tfm)"
  DOTNET_ROLL_FORWARD=Major dotnet "$consumer/bin/Release/$tfm/Gcore.Iam.Consumer.dll"
done
# Every .NET tool package in the feed: installed from the feed into a tool path, as users install it,
# and run with --help (exit code 0 expected).
tools=$(python3 - "$feed" <<'PY'
import glob, os, sys, zipfile
import xml.etree.ElementTree as ET
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.nupkg"))):
    with zipfile.ZipFile(path) as z:
        settings = [n for n in z.namelist() if n.startswith("tools/") and n.endswith("/DotnetToolSettings.xml")]
        if not settings:
            continue
        nuspec = next(n for n in z.namelist() if "/" not in n and n.endswith(".nuspec"))
        meta = {e.tag.split("}")[-1]: (e.text or "") for e in ET.fromstring(z.read(nuspec)).iter()}
        command = ET.fromstring(z.read(settings[0])).find(".//Command").get("Name")
        print(meta["id"], meta["version"], command)
PY
)
while read -r id tool_version command; do
  [ -n "$id" ] || continue
  say "install and run the tool $id $tool_version ($command --help)"
  rm -rf "$out/tools"
  dotnet tool install "$id" --version "$tool_version" --tool-path "$out/tools" --add-source "$feed"
  "$out/tools/$command" --help
done <<<"$tools"

say "packages packed, inspected and consumed"
