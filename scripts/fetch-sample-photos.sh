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
# shellcheck source=lib/debian-package.sh
source "$ROOT/scripts/lib/debian-package.sh"
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

require_debian_tools
make_scratch "$DEST"
unpack_package "$PACKAGE"
for photo in "${PHOTOS[@]}"; do
  keep_file "$DATA_DIR/$photo" "$DEST/$photo"
done

echo "Fetched from $(basename "$DEB")."
report
