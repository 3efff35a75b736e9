#!/usr/bin/env bash
# Fetches the corpus `npm run eval:moderation` measures the local analyser on: ordinary
# photographs, wallpapers, textures and illustrations nobody on this project made, as Debian
# (bookworm) ships them, in JPEG, PNG and WebP. None of them is explicit: every image the
# analyser would reject or hold for review is a false positive. Nothing is installed: each
# package is downloaded with `apt-get download` and unpacked with `dpkg-deb -x` into a scratch
# folder, and only the images chosen below are kept.
#
#   bash scripts/fetch-moderation-corpus.sh            # every package (~200 MB of downloads)
#   bash scripts/fetch-moderation-corpus.sh --subset   # sway-backgrounds and python3-skimage only
#   → .cache/moderation-corpus/<package>-<name>.<ext>, each package's copyright under copyright/
#
# What is kept (by rule, not by hand, so nothing was picked for how the model scores it):
#   plasma-workspace-wallpapers  one file per wallpaper (and per dark version): 1920×1080, else
#                                the largest size it ships
#   mate-backgrounds             every JPEG and PNG (nature, desktop, abstract)
#   gnome-backgrounds            every WebP, JPEG and PNG (the SVGs are left out)
#   sway-backgrounds             every PNG and JPEG
#   python3-skimage              its data folder's PNG and JPEG files of 8 kB or more, except the
#                                deliberately truncated.jpg
#
# Idempotent: a package is downloaded only when its marker file (.done-<package>) is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${MODERATION_CORPUS_DIR:-$ROOT/.cache/moderation-corpus}"
# shellcheck source=lib/debian-package.sh
source "$ROOT/scripts/lib/debian-package.sh"

PACKAGES=(plasma-workspace-wallpapers mate-backgrounds gnome-backgrounds sway-backgrounds python3-skimage)
if [[ "${1:-}" == "--subset" ]]; then
  PACKAGES=(sway-backgrounds python3-skimage)
elif [[ -n "${1:-}" ]]; then
  echo "usage: $0 [--subset]" >&2
  exit 2
fi

# Copies one image into the corpus as <prefix>-<name>.
keep() {
  local from="$1" name="$2"
  cp "$from" "$DEST/.$name.tmp"
  mv "$DEST/.$name.tmp" "$DEST/$name"
}

# The files of a package that go into the corpus, as "path|name" lines.
select_images() {
  local package="$1" root="$WORK/root" f dir best
  case "$package" in
    plasma-workspace-wallpapers)
      for dir in "$root"/usr/share/wallpapers/*/contents/images "$root"/usr/share/wallpapers/*/contents/images_dark; do
        [[ -d "$dir" ]] || continue
        best=""
        if compgen -G "$dir/1920x1080.*" >/dev/null; then
          best="$(ls "$dir"/1920x1080.* | head -n 1)"
        else
          # The largest WxH name.
          best="$(ls "$dir" | grep -E '^[0-9]+x[0-9]+\.' | awk -Fx '{ split($2, h, "."); print $1 * h[1], $0 }' | sort -n | tail -n 1 | cut -d' ' -f2)"
          [[ -n "$best" ]] && best="$dir/$best"
        fi
        [[ -n "$best" ]] || continue
        local wallpaper variant=""
        wallpaper="$(basename "$(dirname "$(dirname "$dir")")")"
        [[ "$dir" == *_dark ]] && variant="-dark"
        echo "$best|plasma-$wallpaper$variant.${best##*.}"
      done
      ;;
    mate-backgrounds)
      find "$root/usr/share/backgrounds/mate" -type f \( -iname '*.jpg' -o -iname '*.png' \) | sort |
        while read -r f; do echo "$f|mate-$(basename "$(dirname "$f")")-$(basename "$f")"; done
      ;;
    gnome-backgrounds)
      find "$root/usr/share/backgrounds/gnome" -type f \( -iname '*.webp' -o -iname '*.jpg' -o -iname '*.png' \) | sort |
        while read -r f; do echo "$f|gnome-$(basename "$f")"; done
      ;;
    sway-backgrounds)
      find "$root/usr/share/backgrounds/sway" -type f \( -iname '*.png' -o -iname '*.jpg' \) | sort |
        while read -r f; do echo "$f|sway-$(basename "$f")"; done
      ;;
    python3-skimage)
      find "$root/usr/lib/python3/dist-packages/skimage/data" -maxdepth 1 -type f \( -iname '*.png' -o -iname '*.jpg' \) -size +8k ! -name truncated.jpg | sort |
        while read -r f; do echo "$f|skimage-$(basename "$f")"; done
      ;;
  esac
}

mkdir -p "$DEST/copyright"
for package in "${PACKAGES[@]}"; do
  if [[ -f "$DEST/.done-$package" ]]; then
    echo "$package: already fetched."
    continue
  fi
  require_debian_tools
  make_scratch "$DEST"
  unpack_package "$package"
  count=0
  while IFS='|' read -r from name; do
    keep "$from" "$name"
    count=$((count + 1))
  done < <(select_images "$package")
  if [[ -f "$WORK/root/usr/share/doc/$package/copyright" ]]; then
    cp "$WORK/root/usr/share/doc/$package/copyright" "$DEST/copyright/$package"
  fi
  rm -rf "$WORK"
  trap - EXIT
  touch "$DEST/.done-$package"
  echo "$package: kept $count images."
done

echo "Corpus in $DEST: $(find "$DEST" -maxdepth 1 -type f ! -name '.*' | wc -l) images."
