# Sourced by the fetch-*-photos scripts: take files out of a Debian package without installing
# it (`apt-get download` + `dpkg-deb -x` into a scratch folder).

# Fails unless this is a Debian-based system with the tools below.
require_debian_tools() {
  local tool
  for tool in apt-get dpkg-deb; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "error: $tool not found; this script needs a Debian-based system (apt-get, dpkg-deb)." >&2
      exit 1
    fi
  done
}

# Makes the scratch folder WORK under $1, removed when the script exits.
make_scratch() {
  mkdir -p "$1"
  WORK="$(mktemp -d "$1/.fetch.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
  # apt-get download drops privileges to _apt when run as root; let it write the scratch folder.
  chmod 0777 "$WORK"
}

# Downloads package $1 into $WORK and unpacks it into $WORK/root; DEB is the .deb's path.
unpack_package() {
  local package="$1" debs
  echo "Downloading $package (not installing it)..."
  if ! (cd "$WORK" && apt-get download "$package"); then
    echo >&2
    echo "error: 'apt-get download $package' failed. If apt's package lists are empty or stale," >&2
    echo "run 'apt-get update' (as root) first, then run this script again." >&2
    exit 1
  fi
  debs=("$WORK"/"$package"_*.deb)
  DEB="${debs[0]}"
  if [[ ! -f "$DEB" ]]; then
    echo "error: apt-get download produced no $package .deb file" >&2
    exit 1
  fi
  rm -rf "$WORK/root"
  dpkg-deb -x "$DEB" "$WORK/root"
}

# Copies /$1 of the unpacked package to $2, through a temporary name so an interrupted run never
# leaves a truncated file.
keep_file() {
  local from="$WORK/root/$1" to="$2"
  if [[ ! -s "$from" ]]; then
    echo "error: $(basename "$1") is not in $(basename "$DEB") (expected at /$1)" >&2
    exit 1
  fi
  cp "$from" "$(dirname "$to")/.$(basename "$to").tmp"
  mv "$(dirname "$to")/.$(basename "$to").tmp" "$to"
}
