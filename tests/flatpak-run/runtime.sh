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
# package lists, the Debian release and $layout below, so a change to any of
# them builds a new runtime and drops the old one. $SHUATI_DEBIAN_MIRROR may
# name a mirror URL or sources file; by default the machine's own Debian
# sources are used.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
release=${SHUATI_DEBIAN_RELEASE:-bookworm}
cache=${SHUATI_FLATPAK_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shuati-flatpak-runtime}
arch=$(flatpak --default-arch)
# Change this when the way the runtime is laid out changes.
layout=1

say () {
  echo "runtime: $*" >&2
}

# A package list without comments, comma-separated, as mmdebstrap takes it.
packages () {
  sed 's/#.*//' "$@" | tr -s ' \t\n' '\n' | grep -v '^$' | sort -u | paste -sd, -
}

key=$( { echo "$release $arch $layout"; cat "$here/platform.packages" "$here/sdk.packages"; } |
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
# Uncompressed, so that neither the export nor each install spends minutes
# in zlib; flatpak installs from it as from any local repository.
ostree init --repo="$repo" --mode=bare-user-only

# One Debian tree laid out as a Flatpak runtime: files/ is the tree's /usr
# plus its /etc.
make_tree () {
  name=$1
  sync_out=$2
  shift 2
  tree="$work/$name.tree"
  dir="$work/$name"
  # The .deb files are kept in $cache/debs, for the next runtime (a new
  # package list) to download only what it adds. The SDK's are a superset
  # of the Platform's, so only the SDK writes them.
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
    ${sync_out:+--customize-hook="sync-out /var/cache/apt/archives $cache/debs"} \
    "$release" "$tree" ${mirror:+"$mirror"} >"$work/$name.log" 2>&1 ||
    { cat "$work/$name.log" >&2; return 1; }
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
}

export_tree () {
  say "exporting $1"
  flatpak build-export --no-update-summary --runtime --files=files "$repo" "$work/$1" 50 >&2
  rm -rf "${work:?}/$1"
}

# The two trees are made side by side: most of the time goes in waiting for
# dpkg's disk writes, not in the processor.
say "mmdebstrap $release for org.gnome.Platform and org.gnome.Sdk"
make_tree org.gnome.Platform "" "$here/platform.packages" &
platform=$!
make_tree org.gnome.Sdk yes "$here/platform.packages" "$here/sdk.packages" &
sdk=$!
status=0
wait $platform || status=1
wait $sdk || status=1
[ $status = 0 ] || { say "mmdebstrap failed"; exit 1; }
export_tree org.gnome.Platform
export_tree org.gnome.Sdk
flatpak build-update-repo "$repo" >&2
touch "$work/done"
say "built in $work"
echo "$repo"
