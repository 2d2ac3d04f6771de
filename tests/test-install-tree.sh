#!/bin/sh
# TAP test of what `meson install` puts in place: every desktop integration
# file under the app id, a D-Bus service that starts the installed program,
# and a tree that `appstreamcli validate-tree` accepts.
#
#   test-install-tree.sh BUILD-DIR PREFIX APPSTREAM-VALIDATE
build="$1"
prefix="$2"
validate="$3"
app_id=io.github.shuati.Shuati
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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "1..14"

meson install -C "$build" --no-rebuild --quiet --destdir "$tmp" >"$tmp.log" 2>&1
check $? "meson install --destdir"
sed 's/^/# /' "$tmp.log"; rm -f "$tmp.log"

root="$tmp$prefix"
for file in \
  bin/shuati \
  "share/applications/$app_id.desktop" \
  "share/metainfo/$app_id.metainfo.xml" \
  "share/icons/hicolor/scalable/apps/$app_id.svg" \
  "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "share/glib-2.0/schemas/$app_id.gschema.xml" \
  "share/gnome-shell/search-providers/$app_id.search-provider.ini" \
  "share/dbus-1/services/$app_id.service" \
  share/locale/zh_CN/LC_MESSAGES/shuati.mo
do
  [ -s "$root/$file" ]; check $? "installs $file"
done

grep -q '^Name\[zh_CN\]=' "$root/share/applications/$app_id.desktop"
check $? "the desktop file carries the Chinese translation"

exec_line=$(grep '^Exec=' "$root/share/dbus-1/services/$app_id.service")
[ "$exec_line" = "Exec=$prefix/bin/shuati --gapplication-service" ]
check $? "the D-Bus service starts the installed program: $exec_line"

grep -qx "DesktopId=$app_id.desktop" "$root/share/gnome-shell/search-providers/$app_id.search-provider.ini"
check $? "the search provider names the installed desktop file"

out=$("$validate" validate-tree "$root" 2>&1); status=$?
printf '%s\n' "$out" | sed 's/^/# /'
check $status "appstreamcli validate-tree accepts the installed tree"

exit $failed
