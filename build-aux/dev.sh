#!/bin/sh
# Build Shuati from this checkout on Debian 12, installing what is missing.
#
#   build-aux/dev.sh run     build and launch the app (not the tests)
#   build-aux/dev.sh test    build with warnings as errors, run every test
#                            under a virtual display, the app in the Flatpak
#                            sandbox, then each fuzzer for 60 s
set -eu

cd "$(dirname "$0")/.."

packages="meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsqlite3-dev sqlite3
  desktop-file-utils appstream xvfb xauth dbus dbus-x11 flatpak flatpak-builder
  clang libclang-rt-14-dev fonts-noto-cjk libxtst-dev libmd4c-dev libmd4c-html0-dev libgtksourceview-5-dev
  libarchive-dev libzstd-dev libxml2-dev zstd python3 unicode-data"
# The app built from the Flatpak manifest and run in the sandbox (tests/flatpak-run).
packages="$packages mmdebstrap bubblewrap ostree elfutils libglib2.0-bin xdotool imagemagick"

install_missing () {
  missing=""
  for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "Installing:$missing"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

case "${1:-}" in
  run)
    install_missing
    [ -d _build ] || meson setup _build
    # Only what the program needs; the tests build when they run.
    ninja -C _build app
    exec meson devenv -C _build ./src/shuati
    ;;
  test)
    install_missing
    if [ -d _build-test ]; then
      meson setup --reconfigure _build-test --werror
    else
      meson setup _build-test --werror
    fi
    ninja -C _build-test
    xvfb-run -a -s "-screen 0 1280x800x24" meson test -C _build-test --print-errorlogs
    # The manifest built against a stand-in GNOME runtime made of Debian
    # packages (cached outside the tree), installed and run in the sandbox.
    tests/flatpak-run/run.sh . _build-test/flatpak-run _build-test/src/shuati
    # Every parser of outside input also runs under the fuzzers for a minute.
    exec tests/fuzz/run-fuzzers.sh 60
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
