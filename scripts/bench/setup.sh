#!/usr/bin/env bash
# Installs what `npm run bench` compares Darkroom with, from Debian's own packages:
#   python3-pil     Pillow, for /usr/bin/python3
#   imagemagick     ImageMagick 6 (`convert`)
#   libvips-tools   vipsthumbnail (Debian's libvips, not sharp's)
#   time            GNU time, which reads each contender's peak memory
# The benchmark skips, and names, any contender whose tool is missing.
#
#   sudo bash scripts/bench/setup.sh
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
  echo "error: run as root (sudo bash $0): it installs Debian packages" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; install Pillow, ImageMagick, vipsthumbnail and GNU time yourself" >&2
  exit 1
fi
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  python3-pil imagemagick libvips-tools time
