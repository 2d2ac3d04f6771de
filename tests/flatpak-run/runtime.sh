#!/bin/sh
# Prints the path of an OSTree repository holding a stand-in
# org.gnome.Platform//50 and org.gnome.Sdk//50 assembled from Debian packages
# (platform.packages, sdk.packages beside this script), building it first if
# the cache does not have it. Progress goes to standard error.
#
#   runtime.sh
#
# The cache lives outside the work tree, in $SHUATI_FLATPAK_RUNTIME_CACHE
# (default $XDG_CACHE_HOME/shuati-flatpak-runtime), one folder per hash of the
# package lists, the Debian release and this script, so a change to any of
# them builds a new runtime and drops the old one. $SHUATI_DEBIAN_MIRROR may
# name a mirror URL or sources file; by default the machine's own Debian
# sources are used.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
release=${SHUATI_DEBIAN_RELEASE:-bookworm}
cache=${SHUATI_FLATPAK_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shuati-flatpak-runtime}
arch=$(flatpak --default-arch)

say () {
  echo "runtime: $*" >&2
}

# A package list without comments, comma-separated, as mmdebstrap takes it.
packages () {
  sed 's/#.*//' "$@" | tr -s ' \t\n' '\n' | grep -v '^$' | sort -u | paste -sd, -
}

key=$( { echo "$release $arch"; cat "$here/platform.packages" "$here/sdk.packages" "$0"; } |
  sha256sum | cut -c1-16)
repo="$cache/$key/repo"
if [ -f "$cache/$key/done" ]; then
  say "cached in $cache/$key"
  echo "$repo"
  exit 0
fi

mirror=${SHUATI_DEBIAN_MIRROR:-}
if [ -z "$mirror" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
  mirror=/etc/apt/sources.list.d/debian.sources
fi

mkdir -p "$cache"
# Older runtimes go; so does a build that was interrupted.
for old in "$cache"/*; do
  [ -e "$old" ] || continue
  case "$old" in
    "$cache/downloads"|"$cache/debs") ;;
    *) say "removing $old"; rm -rf --one-file-system "$old" ;;
  esac
done
work="$cache/$key"
mkdir -p "$work" "$cache/debs"

# One Debian tree laid out as a Flatpak runtime: files/ is the tree's /usr
# plus its /etc.
build_runtime () {
  name=$1
  shift
  tree="$work/$name.tree"
  dir="$work/$name"
  say "mmdebstrap $release for $name"
  # The .deb files are kept between the two trees (and interrupted builds)
  # in $cache/debs, so each is downloaded once.
  # Debian's own python3 for mmtarfilter, whatever else is first on PATH.
  PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH mmdebstrap --variant=essential --quiet \
    --dpkgopt=force-unsafe-io \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
    --include="$(packages "$@")" \
    --skip=download/empty --skip=essential/unlink \
    --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
    --setup-hook="sync-in $cache/debs /var/cache/apt/archives/" \
    --customize-hook="sync-out /var/cache/apt/archives $cache/debs" \
    "$release" "$tree" ${mirror:+"$mirror"} >&2
  mkdir -p "$dir"
  mv "$tree/usr" "$dir/files"
  mv "$tree/etc" "$dir/files/etc"
  rm -rf --one-file-system "$tree"
  # Flatpak runs /usr/bin/ldconfig; Debian keeps it in /usr/sbin.
  [ -e "$dir/files/bin/ldconfig" ] || ln -s ../sbin/ldconfig "$dir/files/bin/ldconfig"
  cat >"$dir/metadata" <<EOF
[Runtime]
name=$name
runtime=org.gnome.Platform/$arch/50
sdk=org.gnome.Sdk/$arch/50
EOF
  say "exporting $name"
  flatpak build-export --no-update-summary --runtime --files=files "$repo" "$dir" 50 >&2
  rm -rf "$dir"
}

build_runtime org.gnome.Platform "$here/platform.packages"
build_runtime org.gnome.Sdk "$here/platform.packages" "$here/sdk.packages"
flatpak build-update-repo "$repo" >&2
touch "$work/done"
say "built in $work"
echo "$repo"
