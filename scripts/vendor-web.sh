#!/usr/bin/env bash
# Copy the dashboard's browser libraries into the package, so the page needs no internet:
#
#   scripts/vendor-web.sh          (make setup runs it after pip install)
#
# web/package-lock.json pins exact versions (with integrity hashes) of d3, topojson-client and
# world-atlas; `npm ci` installs exactly those into web/node_modules from the npm registry, and
# only the files the page loads are copied to src/eventwire/web/static/vendor/ (generated, not
# committed), with a LICENSES.txt naming every package and its licence text.
# Safe to run again: the vendor folder is rebuilt whole each time, in a temporary folder first,
# so a failed run never leaves a half-filled one behind.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/web"
dest="$root/src/eventwire/web/static/vendor"
die() { echo "vendor-web: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node is not installed; the dashboard's libraries are installed with npm (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || die "npm is not installed; the dashboard's libraries are installed with npm (Debian: apt-get install npm)"
[ -f "$web/package-lock.json" ] || die "missing $web/package-lock.json"

# The lock must fetch from nowhere but the npm registry: any recorded download address
# (a git URL, a tarball on another host) is refused before npm runs.
stray="$(grep -E '"resolved"[[:space:]]*:' "$web/package-lock.json" | grep -v '"https://registry.npmjs.org/' || true)"
[ -z "$stray" ] || die "web/package-lock.json downloads from outside the npm registry:
$stray"

npm ci --prefix "$web" --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed in $web (see the messages above)"

nm="$web/node_modules"
# package -> files of it the page loads (paths inside the package)
files=(
  "d3:dist/d3.min.js"
  "topojson-client:dist/topojson-client.min.js"
  "world-atlas:countries-110m.json"
)
tmp="$(mktemp -d "$root/src/eventwire/web/static/.vendor.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
for entry in "${files[@]}"; do
  pkg="${entry%%:*}"; rel="${entry#*:}"
  [ -f "$nm/$pkg/$rel" ] || die "$pkg does not contain $rel (was web/package.json changed?)"
  cp "$nm/$pkg/$rel" "$tmp/"
done

# d3.min.js bundles the d3-* modules and their few dependencies: name every installed package
# with its version and licence, so the copied files carry their notices.
node - "$nm" >"$tmp/LICENSES.txt" <<'JS' || die "could not collect the licences in $nm"
const fs = require("fs"), path = require("path");
const nm = process.argv[2];
const out = ["Third-party files in this folder, copied from npm packages by scripts/vendor-web.sh.",
             "d3.min.js bundles the d3-* packages and their dependencies listed below."];
const dirs = fs.readdirSync(nm).filter((d) => !d.startsWith(".")).sort().flatMap((d) =>
  d.startsWith("@") ? fs.readdirSync(path.join(nm, d)).map((s) => path.join(d, s)) : [d]);
for (const d of dirs) {
  const dir = path.join(nm, d);
  const pj = path.join(dir, "package.json");
  if (!fs.existsSync(pj)) continue;
  const p = JSON.parse(fs.readFileSync(pj, "utf8"));
  out.push("", `==== ${p.name} ${p.version} (${p.license || "see below"})`);
  const lic = fs.readdirSync(dir).find((f) => /^licen[sc]e/i.test(f));
  out.push(lic ? fs.readFileSync(path.join(dir, lic), "utf8").trimEnd() : "(no licence file in the package)");
}
process.stdout.write(out.join("\n") + "\n");
JS

rm -rf "$dest"
mv "$tmp" "$dest"
chmod 755 "$dest"
trap - EXIT
echo "vendor-web: copied ${#files[@]} files and LICENSES.txt to ${dest#"$root"/}" >&2
