#!/usr/bin/env bash
# Fetches the sample photographs the local-analyser tests use: scikit-image's data files, as
# Debian ships them in python3-skimage (astronaut.png and camera.png show one face each;
# chelsea.png is a cat and coffee.png a cup of coffee). Nothing is installed: the package is
# downloaded with `apt-get download` and unpacked with `dpkg-deb -x` into a scratch folder.
#
#   bash scripts/fetch-sample-photos.sh        # → .cache/sample-photos/*.png
#
# Idempotent: when every photo is already there, nothing is downloaded.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${SAMPLE_PHOTOS_DIR:-$ROOT/.cache/sample-photos}"
PACKAGE=python3-skimage
DATA_DIR=usr/lib/python3/dist-packages/skimage/data
PHOTOS=(astronaut.png camera.png chelsea.png coffee.png)

report() {
  echo "Sample photos in $DEST:"
  for photo in "${PHOTOS[@]}"; do
    printf '  %-14s %8d bytes\n' "$photo" "$(stat -c %s "$DEST/$photo")"
  done
}

missing=()
for photo in "${PHOTOS[@]}"; do
  [[ -s "$DEST/$photo" ]] || missing+=("$photo")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "Already fetched."
  report
  exit 0
fi

for tool in apt-get dpkg-deb; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: $tool not found; this script needs a Debian-based system (apt-get, dpkg-deb)." >&2
    exit 1
  fi
done

mkdir -p "$DEST"
WORK="$(mktemp -d "$DEST/.fetch.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# apt-get download drops privileges to _apt when run as root; let it write the scratch folder.
chmod 0777 "$WORK"

echo "Downloading $PACKAGE (not installing it)..."
if ! (cd "$WORK" && apt-get download "$PACKAGE"); then
  echo >&2
  echo "error: 'apt-get download $PACKAGE' failed. If apt's package lists are empty or stale," >&2
  echo "run 'apt-get update' (as root) first, then run this script again." >&2
  exit 1
fi

deb=("$WORK"/"$PACKAGE"_*.deb)
if [[ ! -f "${deb[0]}" ]]; then
  echo "error: apt-get download produced no $PACKAGE .deb file" >&2
  exit 1
fi
dpkg-deb -x "${deb[0]}" "$WORK/root"

for photo in "${PHOTOS[@]}"; do
  source="$WORK/root/$DATA_DIR/$photo"
  if [[ ! -s "$source" ]]; then
    echo "error: $photo is not in $(basename "${deb[0]}") (expected at /$DATA_DIR/$photo)" >&2
    exit 1
  fi
  # Copy to a temporary name first so an interrupted run never leaves a truncated photo.
  cp "$source" "$DEST/.$photo.tmp"
  mv "$DEST/.$photo.tmp" "$DEST/$photo"
done

echo "Fetched from $(basename "${deb[0]}")."
report
