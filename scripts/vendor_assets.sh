#!/usr/bin/env bash
# Vendor the front-end files the folium map needs into geo/map/static/vendor/, so that
# nothing is loaded from a CDN. Reproducible: pinned versions, tarballs checked against
# pinned sha512 integrity values, minified builds where the package ships one, no source
# maps (their comments are stripped).
#
# Usage: scripts/vendor_assets.sh            (needs the npm registry, via `npm pack`)
# The versions match what folium 0.20 asks for (see geo/assets.py), except Leaflet,
# where folium's 1.9.3 is replaced by the 1.9.4 patch release.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/geo/map/static/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# name@version  sha512 integrity (from `npm view NAME@VERSION dist.integrity`)
PACKAGES=(
  "leaflet@1.9.4 sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA=="
  "jquery@3.7.1 sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg=="
  "leaflet-measure@2.1.7 sha512-IvoHIoVTIQSXUgaNnAMF17qXFB+dF5ICdwmY8BHyq/Hh33/xeGqQUUYlz0pRMzFN9NUcjsT6JBhCr1ia0CG5ug=="
  "@fontsource/noto-sans-kr@5.3.0 sha512-/JnpTjaCOXW7xUoqOyCVYSr05VOkDy5Yla9O+WAEiS7u+yYLsmHoqj6v1W0bf91G8G3XA2+NnRS3CX2Tf/FVZg=="
  "@fontsource/noto-sans-jp@5.3.0 sha512-OZbBzZ8LrFRs2RFT2Cc0HUV2C2ZeSfyEXhDJWR0EZuZaraJfRubpvrFmUnCljuBDEkw8Vn6CE/+nf9dj9b+0lg=="
  "@fontsource/noto-sans-sc@5.3.1 sha512-YxZ/VWAWo9FWzH08Q6fGTzIW6vYNP2TMhUFCnfhlimbhdXnWrxJLrzX3KWt2FKnV0s8XiM5vjpGHQiyFRlTj0w=="
  "@expo-google-fonts/noto-sans-kr@0.4.3 sha512-EVS/uJPcf1TgJtjmQmrFr0oGdcl7ml09CSu0E/AyGzR0UfzdR2pBbzWWPsnuzZiGUl643ODYwYiXK5+B+fLjhQ=="
)

# Fetch one package tarball, check its integrity and unpack it into $WORK/<name>/.
fetch() {
  local spec="$1" want="$2" name tgz got
  name="${spec%@*}"
  tgz="$(cd "$WORK" && npm pack "$spec" --silent)"
  got="sha512-$(openssl dgst -sha512 -binary "$WORK/$tgz" | base64 -w0)"
  if [[ "$got" != "$want" ]]; then
    echo "integrity mismatch for $spec: $got" >&2
    exit 1
  fi
  mkdir -p "$WORK/$name"
  tar -xzf "$WORK/$tgz" -C "$WORK/$name" --no-same-owner --warning=no-unknown-keyword
}

# Copy files from an unpacked package (paths relative to its package/ folder) into a dest dir.
put() {
  local name="$1" dest="$2"
  shift 2
  mkdir -p "$dest"
  local f
  for f in "$@"; do
    mkdir -p "$dest/$(dirname "$f")"
    cp "$WORK/$name/package/$f" "$dest/$f"
  done
}

# Strip `//# sourceMappingURL=` comments: no source maps are shipped.
strip_maps() {
  sed -i -E '/^\/\/# sourceMappingURL=.*$/d; s#/\*\# sourceMappingURL=[^*]*\*/##' "$@"
}

for entry in "${PACKAGES[@]}"; do
  read -r spec sri <<<"$entry"
  fetch "$spec" "$sri"
done

rm -rf "$DEST"
mkdir -p "$DEST"

put leaflet "$DEST/leaflet" LICENSE dist/leaflet.js dist/leaflet.css \
  dist/images/layers.png dist/images/layers-2x.png dist/images/marker-icon.png \
  dist/images/marker-icon-2x.png dist/images/marker-shadow.png

put jquery "$DEST/jquery" LICENSE.txt dist/jquery.min.js

put leaflet-measure "$DEST/leaflet-measure" LICENSE dist/leaflet-measure.min.js \
  dist/leaflet-measure.css
(cd "$WORK/leaflet-measure/package" && find dist/images -name '*.png' | LC_ALL=C sort) \
  | while read -r img; do put leaflet-measure "$DEST/leaflet-measure" "$img"; done

# Flatten dist/ so each package's files sit at <pkg>/ with their relative url(images/...) intact.
for pkg in "$DEST"/*/; do
  if [[ -d "$pkg/dist" ]]; then
    cp -r "$pkg/dist/." "$pkg"
    rm -rf "$pkg/dist"
  fi
done

strip_maps "$DEST"/*/*.js "$DEST"/*/*.css

# CJK fonts (OFL), weight 400, as Fontsource slices them by Unicode range: a page fetches only the
# slices of the characters it shows, and an offline page inlines only those (geo.map.assets).
for script in kr jp sc; do
  pkg="@fontsource/noto-sans-$script"
  out="$DEST/noto-sans-$script"
  mkdir -p "$out"
  cp "$WORK/$pkg/package/LICENSE" "$out/LICENSE"
  (cd "$WORK/$pkg/package/files" && find . -name "noto-sans-$script-*-400-normal.woff2" | LC_ALL=C sort) \
    | while read -r font; do cp "$WORK/$pkg/package/files/$font" "$out/"; done
  # woff2 only (every browser we support reads it), beside the stylesheet
  sed -E "s#url\(\./files/([^)]+\.woff2)\) format\('woff2'\), url\(\./files/[^)]+\.woff\) format\('woff'\)#url(\1) format('woff2')#" \
    "$WORK/$pkg/package/400.css" > "$out/noto-sans-$script.css"
done

# The figures' typeface (geo figure): Noto Sans KR as TrueType for matplotlib, regular and bold,
# subset by fontTools to what scripts/figure_font_chars.py lists (Latin, KS X 1001 Hangul, the
# catalogue's characters); beside geo/figure/, not in the browser's vendor folder.
FIGURE_FONTS="$ROOT/geo/figure/fonts"
EXPO="$WORK/@expo-google-fonts/noto-sans-kr/package"
mkdir -p "$FIGURE_FONTS"
python "$ROOT/scripts/figure_font_chars.py" > "$WORK/figure-chars.txt"
for pair in "400Regular Regular" "700Bold Bold"; do
  read -r src style <<<"$pair"
  pyftsubset "$EXPO/$src/NotoSansKR_$src.ttf" --text-file="$WORK/figure-chars.txt" \
    --layout-features='kern,liga,ccmp,locl,mark,mkmk' --name-IDs='*' --no-hinting \
    --output-file="$FIGURE_FONTS/NotoSansKR-$style.ttf"
done
cp "$EXPO/LICENSE_FONT" "$FIGURE_FONTS/OFL.txt"
echo "@expo-google-fonts/noto-sans-kr@0.4.3 (Noto Sans KR, subset by scripts/figure_font_chars.py)" \
  > "$FIGURE_FONTS/VERSION.txt"

{
  echo "# Vendored front-end packages (from the npm registry; made by scripts/vendor_assets.sh)"
  for entry in "${PACKAGES[@]}"; do
    echo "${entry}"
  done
} > "$DEST/VERSIONS.txt"

echo "vendored into $DEST:"
(cd "$DEST" && find . -type f | LC_ALL=C sort)
