#!/usr/bin/env bash
# Prepare the real-browser tests: Debian chromium plus a local npm mirror of the
# JS/CSS folium loads from CDNs (tests/.assets, git-ignored). Idempotent; run as
# root in CI. Versions are pinned to what folium 0.20 and its Timeline plugin use.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="$here/.assets"

if [[ ! -x /usr/bin/chromium ]]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

packages=(
    leaflet@1.9.3
    jquery@3.7.1
    bootstrap@5.2.2
    leaflet.awesome-markers@2.0.5
    @fortawesome/fontawesome-free@6.2.0
    leaflet.timeline@1.6.0
    moment@2.18.1
    leaflet.markercluster@1.5.3
    pako@2.1.0
)

mkdir -p "$prefix"
# A private package.json keeps npm from walking up to some other project.
[[ -f "$prefix/package.json" ]] || echo '{"name": "geomap-test-assets", "private": true}' > "$prefix/package.json"
npm install --no-save --no-audit --no-fund --ignore-scripts --save-exact --prefix "$prefix" "${packages[@]}"
echo "asset mirror ready: $prefix/node_modules"
