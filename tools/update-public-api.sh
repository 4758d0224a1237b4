#!/usr/bin/env bash
# Regenerates the public API listing of the client (src/Gcore.Iam.Generated/PublicAPI.*.txt) from
# the code as it is now, generated client included: symbols that are new are added to
# PublicAPI.Unshipped.txt (RS0016's fix), symbols that are gone are taken out, or marked *REMOVED*
# when they had shipped (RS0017's fix). Run it after regenerating the client, after changing the
# public API on purpose, and after a merge (a conflict in PublicAPI.Unshipped.txt needs no hand
# resolution: this keeps both sides and the fixes drop what no longer exists). Then review
# `git diff src/Gcore.Iam.Generated/PublicAPI.*.txt`: it is what users will see.
set -euo pipefail
cd "$(dirname "$0")/.."
project=src/Gcore.Iam.Generated/Gcore.Iam.Generated.csproj
dir=src/Gcore.Iam.Generated

# Never leave a half-written listing: keep the listing as it was, and put it back unless the
# script gets to the end (the library built against the new listing).
backup=$(mktemp -d)
cp "$dir"/PublicAPI.*.txt "$backup"/ 2>/dev/null || true
restore() {
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "update-public-api: failed (exit $status); the listing is left as it was" >&2
    cp "$backup"/PublicAPI.*.txt "$dir"/ 2>/dev/null || true
  fi
  rm -rf "$backup"
}
trap restore EXIT

for f in "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt"; do
  [ -f "$f" ] || printf '#nullable enable\n' > "$f"
  if grep -qE '^(<<<<<<<|=======$|>>>>>>>)' "$f"; then
    echo "$f: merge conflict markers found; keeping the lines of both sides"
    grep -vE '^(<<<<<<<|=======$|>>>>>>>)' "$f" | awk '!seen[$0]++' > "$f.tmp"
    mv "$f.tmp" "$f"
  fi
done

dotnet restore "$project" -v:q
# dotnet format reads the project without compiling it: generate the client into obj/ first.
for tfm in $(dotnet msbuild "$project" -nologo -getProperty:TargetFrameworks | tr ';' ' '); do
  dotnet msbuild "$project" -nologo -v:q -t:GcoreIamGenerateClient -p:TargetFramework="$tfm"
done
dotnet format analyzers "$project" --no-restore --diagnostics RS0016 RS0017 --severity error --include-generated
# The fixes insert lines where they fit; sort the listing (as the analyzer does, case-insensitively,
# after the #nullable line) so that its diff shows only real changes.
for f in "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt"; do
  { awk '/^#/' "$f"; awk 'NF && !/^#/' "$f" | LC_ALL=C sort -f; } > "$f.tmp"
  mv "$f.tmp" "$f"
done
# dotnet format does not always take out symbols that are gone (RS0017): drop the lines the build
# names, from the unshipped listing only (a shipped symbol that is gone must be marked *REMOVED* by hand).
log=$(mktemp)
if ! dotnet build "$project" --no-restore -nologo -v:q > "$log" 2>&1; then
  grep -o "error RS0017: Symbol '[^']*'" "$log" | sed "s/^error RS0017: Symbol '//; s/'\$//" | sort -u > "$log.gone" || true
  if [ -s "$log.gone" ]; then
    echo "taking out $(wc -l < "$log.gone") symbol(s) that no longer exist"
    grep -vxFf "$log.gone" "$dir/PublicAPI.Unshipped.txt" > "$dir/PublicAPI.Unshipped.txt.tmp" || true
    mv "$dir/PublicAPI.Unshipped.txt.tmp" "$dir/PublicAPI.Unshipped.txt"
  fi
fi
rm -f "$log" "$log.gone"
# Proof: the library builds against the listing (RS0016/RS0017 are errors).
dotnet build "$project" --no-restore -nologo -v:q
git --no-pager diff --stat -- "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt" || true
