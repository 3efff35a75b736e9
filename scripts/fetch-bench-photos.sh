#!/usr/bin/env bash
# Fetches the photographs `npm run bench` measures: real photos nobody on this project made, as
# Debian (bookworm) ships them. Nothing is installed: each package is downloaded with
# `apt-get download` and unpacked with `dpkg-deb -x` into a scratch folder, and only the listed
# photos are kept.
#
#   bash scripts/fetch-bench-photos.sh        # → .cache/bench-photos/<package>-<name>.<ext>
#
# Sources (each package's copyright file is kept beside the photos, under copyright/):
#   plasma-workspace-wallpapers  KDE wallpapers; the photographic ones, 2560×1600 JPEG
#   mate-backgrounds             MATE's "nature" photos, 1680×1050 to 2560×1920 JPEG
#   python3-skimage              scikit-image's sample photos (under 2 megapixels)
#   python3-sklearn              scikit-learn's china.jpg and flower.jpg (427×640)
# desktop-base and gnome-backgrounds were considered: in bookworm they hold only illustrations,
# renders and vector art, no photographs, so they are not downloaded. The wallpaper packages
# also carry renders (Plasma's "Flow", "Shell"…), hence the hand-picked lists below.
#
# Idempotent: a package is downloaded only when one of its photos is missing. Prints every photo
# with its size; the benchmark's figures use those of at least 2 megapixels.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${BENCH_PHOTOS_DIR:-$ROOT/.cache/bench-photos}"
# shellcheck source=lib/debian-package.sh
source "$ROOT/scripts/lib/debian-package.sh"

# package | prefix | folder inside the package | files (space-separated)
SOURCES=(
  "plasma-workspace-wallpapers|plasma|usr/share/wallpapers|BytheWater/contents/images/2560x1600.jpg ColdRipple/contents/images/2560x1600.jpg ColorfulCups/contents/images/2560x1600.jpg DarkestHour/contents/images/2560x1600.jpg EveningGlow/contents/images/2560x1600.jpg FallenLeaf/contents/images/2560x1600.jpg Grey/contents/images/2560x1600.jpg Kite/contents/images/2560x1600.jpg OneStandsOut/contents/images/2560x1600.jpg Path/contents/images/2560x1600.jpg summer_1am/contents/images/2560x1600.jpg"
  "mate-backgrounds|mate|usr/share/backgrounds/mate/nature|Aqua.jpg Blinds.jpg Dune.jpg FreshFlower.jpg Garden.jpg GreenMeadow.jpg LadyBird.jpg RainDrops.jpg Storm.jpg TwoWings.jpg Wood.jpg YellowFlower.jpg"
  "python3-skimage|skimage|usr/lib/python3/dist-packages/skimage/data|astronaut.png chelsea.png coffee.png motorcycle_left.png retina.jpg rocket.jpg"
  "python3-sklearn|sklearn|usr/lib/python3/dist-packages/sklearn/datasets/images|china.jpg flower.jpg"
)

# plasma's BytheWater/contents/images/2560x1600.jpg → plasma-BytheWater.jpg; others keep their name.
target_name() {
  local prefix="$1" file="$2"
  local base="${file%%/*}"
  [[ "$file" == */* ]] || base="${file%.*}"
  echo "$prefix-$base.${file##*.}"
}

missing_packages=()
for source in "${SOURCES[@]}"; do
  IFS='|' read -r package prefix folder files <<<"$source"
  for file in $files; do
    if [[ ! -s "$DEST/$(target_name "$prefix" "$file")" ]]; then
      missing_packages+=("$source")
      break
    fi
  done
done

if [[ ${#missing_packages[@]} -gt 0 ]]; then
  require_debian_tools
  make_scratch "$DEST"
  mkdir -p "$DEST/copyright"

  for source in "${missing_packages[@]}"; do
    IFS='|' read -r package prefix folder files <<<"$source"
    unpack_package "$package"
    for file in $files; do
      keep_file "$folder/$file" "$DEST/$(target_name "$prefix" "$file")"
    done
    if [[ -f "$WORK/root/usr/share/doc/$package/copyright" ]]; then
      cp "$WORK/root/usr/share/doc/$package/copyright" "$DEST/copyright/$package"
    fi
    echo "Fetched from $(basename "$DEB")."
    rm -f "$DEB"
  done
else
  echo "Already fetched."
fi

# The list, with dimensions read from each file's header by sharp (already a dependency).
echo "Photos in $DEST:"
names=()
for source in "${SOURCES[@]}"; do
  IFS='|' read -r package prefix folder files <<<"$source"
  for file in $files; do
    names+=("$package:$(target_name "$prefix" "$file")")
  done
done
cd "$ROOT"
node --input-type=module - "$DEST" "${names[@]}" <<'EOF'
import { statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
const [dest, ...entries] = process.argv.slice(2);
let large = 0;
for (const entry of entries) {
  const [pkg, name] = entry.split(':');
  const path = join(dest, name);
  const { width, height } = await sharp(path).metadata();
  const mp = (width * height) / 1e6;
  if (mp >= 2) large++;
  const note = mp >= 2 ? '' : '  (under 2 MP: listed, not used for the figures)';
  console.log(
    `  ${name.padEnd(28)} ${`${width}×${height}`.padStart(10)} ${mp.toFixed(1).padStart(5)} MP ` +
      `${String(statSync(path).size).padStart(9)} bytes  ${pkg}${note}`,
  );
}
console.log(`${large} photos of at least 2 megapixels, ${entries.length - large} smaller.`);
EOF
