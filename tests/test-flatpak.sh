#!/bin/sh
# TAP test of the Flatpak packaging, offline and without the GNOME runtime:
# flatpak-builder accepts the manifest; the program, built as the manifest's
# meson module is (prefix /app) and installed into a Flatpak build directory,
# finishes with the manifest's finish-args, exports to a local repository and
# bundles; the exported tree holds every desktop integration file.
#
#   test-flatpak.sh SOURCE-DIR
source_dir="$1"
app_id=io.github.shuati.Shuati
manifest="$source_dir/flatpak/$app_id.json"

if ! command -v flatpak >/dev/null 2>&1; then
  echo "1..0 # SKIP flatpak is not installed"
  exit 0
fi

n=0
failed=0

check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    failed=1
  fi
}

# Indents a log into TAP comments.
comment () {
  sed 's/^/# /' "$@"
}

# A field of the manifest: "id", "command", "finish-args", ... one value a line.
manifest_field () {
  python3 -c '
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("/"):
    value = value[int(key)] if isinstance(value, list) else value[key]
print("\n".join(value) if isinstance(value, list) else value)' "$manifest" "$1"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build="$tmp/build"
dir="$tmp/build-dir"
repo="$tmp/repo"

echo "1..17"

flatpak-builder --show-manifest "$manifest" >"$tmp/manifest.out" 2>"$tmp/manifest.err"
check $? "flatpak-builder --show-manifest accepts the manifest"
comment "$tmp/manifest.err"
[ ! -s "$tmp/manifest.err" ]; check $? "flatpak-builder has no warnings about the manifest"

[ "$(manifest_field id)" = "$app_id" ]; check $? "the manifest is for $app_id"
module_dir=$(cd "$(dirname "$manifest")/$(manifest_field modules/-1/sources/0/path)" && pwd)
[ "$module_dir" = "$(cd "$source_dir" && pwd)" ] && [ "$(manifest_field modules/-1/buildsystem)" = meson ]
check $? "the manifest builds this source tree with meson ($module_dir)"

# What flatpak-builder does for the module: configure for /app, build what is
# installed (not the tests; files configured by meson setup already exist),
# install into the build directory's files/.
{
  meson setup "$build" "$source_dir" --prefix=/app --buildtype=release &&
  targets=$(meson introspect --installed "$build" | python3 -c '
import json, os, sys
build = os.path.realpath(sys.argv[1])
for path in json.load(sys.stdin):
    real = os.path.realpath(path)
    if real.startswith(build + os.sep) and not os.path.exists(real):
        print(os.path.relpath(real, build))' "$build") &&
  ninja -C "$build" $targets &&
  meson install -C "$build" --no-rebuild --destdir "$tmp/stage"
} >"$tmp/build.log" 2>&1
status=$?
[ $status = 0 ] || comment "$tmp/build.log"
check $status "the module builds and installs with prefix /app"

mkdir -p "$dir/var"
mv "$tmp/stage/app" "$dir/files" 2>/dev/null

# build-init needs the SDK installed; without it, write the metadata it
# would write.
arch=$(flatpak --default-arch)
if ! flatpak build-init "$dir" "$app_id" \
       "$(manifest_field sdk)" "$(manifest_field runtime)" "$(manifest_field runtime-version)" \
       >"$tmp/init.log" 2>&1; then
  comment "$tmp/init.log"
  printf '[Application]\nname=%s\nruntime=%s/%s/%s\nsdk=%s/%s/%s\n' "$app_id" \
    "$(manifest_field runtime)" "$arch" "$(manifest_field runtime-version)" \
    "$(manifest_field sdk)" "$arch" "$(manifest_field runtime-version)" >"$dir/metadata"
fi

[ -x "$dir/files/bin/$(manifest_field command)" ]
check $? "the manifest's command is the installed program"

finish_args=$(manifest_field finish-args)
# shellcheck disable=SC2086
flatpak build-finish $finish_args --command="$(manifest_field command)" "$dir" >"$tmp/finish.log" 2>&1
status=$?
comment "$tmp/finish.log"
check $status "flatpak build-finish with the manifest's finish-args"

grep -qx 'shared=ipc;' "$dir/metadata" &&
  grep -qx 'sockets=x11;wayland;fallback-x11;' "$dir/metadata" &&
  grep -qx 'devices=dri;' "$dir/metadata" &&
  grep -qx "command=$(manifest_field command)" "$dir/metadata"
check $? "the metadata grants IPC, Wayland with X11 fallback and the GPU, and names the command"
comment "$dir/metadata"

flatpak build-export --no-update-summary "$repo" "$dir" >"$tmp/export.log" 2>&1
status=$?
comment "$tmp/export.log"
check $status "flatpak build-export into a local repository"
! grep -qi 'warning' "$tmp/export.log"; check $? "flatpak build-export has no warnings"

flatpak build-bundle "$repo" "$tmp/$app_id.flatpak" "$app_id" >"$tmp/bundle.log" 2>&1
status=$?
comment "$tmp/bundle.log"
[ $status = 0 ] && [ -s "$tmp/$app_id.flatpak" ]; check $? "flatpak build-bundle writes a bundle"

for file in \
  "share/applications/$app_id.desktop" \
  "share/metainfo/$app_id.metainfo.xml" \
  "share/icons/hicolor/scalable/apps/$app_id.svg" \
  "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "share/gnome-shell/search-providers/$app_id.search-provider.ini" \
  "share/dbus-1/services/$app_id.service"
do
  [ -s "$dir/export/$file" ]; check $? "exports $file"
done

exit $failed
