#!/bin/sh
# TAP test: the app built, installed and run inside the Flatpak sandbox.
#
#   run.sh SOURCE-DIR OUTPUT-DIR [SHUATI]
#
# A stand-in org.gnome.Platform//50 and org.gnome.Sdk//50 made of Debian
# packages (runtime.sh) is installed into a private HOME under OUTPUT-DIR;
# flatpak-builder builds and installs the real manifest against it; under a
# virtual display and a private session bus the sandboxed app studies a card
# by keyboard, checks a deck, answers the Shell's search, and keeps its
# progress across an uninstall and a reinstall from a bundle. Screenshots go
# to OUTPUT-DIR/screenshots. SHUATI, the program built on the host, gives
# the expected --check-deck line.
#
# Needs root or working user namespaces (bwrap, mmdebstrap), and fails
# rather than skips without them. SHUATI_FLATPAK_KEEP=1 keeps the private
# HOME (about 2 GB) after the run.
set -u

source_dir=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)
host_shuati=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
app_id=io.github.shuati.Shuati
manifest="$source_dir/flatpak/$app_id.json"
started=$(date +%s)

n=0
failed=0

check () {
  n=$((n + 1))
  description=$(printf '%s' "$2" | tr '\n' ' ')
  if [ "$1" = 0 ]; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    failed=1
  fi
}

comment () {
  sed 's/^/# /' "$@"
}

bail () {
  echo "Bail out! $*"
  exit 1
}

elapsed () {
  echo "# $1: $(($(date +%s) - ${2:-$started})) s"
}

# --- What the test needs -------------------------------------------------

for tool in flatpak flatpak-builder bwrap mmdebstrap eu-strip Xvfb xdotool \
            dbus-daemon gdbus sqlite3 import python3; do
  command -v "$tool" >/dev/null 2>&1 ||
    bail "$tool is not installed; build-aux/dev.sh test installs what the tests need"
done
if [ "$(id -u)" != 0 ] && ! unshare -Ur true 2>/dev/null; then
  bail "neither root nor user namespaces (unshare -Ur true fails): mmdebstrap and bwrap cannot build or run a sandbox here"
fi
if ! bwrap --ro-bind / / --proc /proc --dev /dev --unshare-pid true 2>"$out/bwrap.err"; then
  bail "bwrap cannot make a sandbox here: $(cat "$out/bwrap.err")"
fi

# A field of the manifest: "id", "modules/-1/name", ... one value a line.
manifest_field () {
  python3 -c '
import json, sys
value = json.load(open(sys.argv[1]))
for key in sys.argv[2].split("/"):
    value = value[int(key)] if isinstance(value, list) else value[key]
print("\n".join(value) if isinstance(value, list) else value)' "$manifest" "$1"
}

# --- 1, 2: the stand-in runtime, from the cache or built -----------------

cache=${SHUATI_FLATPAK_RUNTIME_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/shuati-flatpak-runtime}
export SHUATI_FLATPAK_RUNTIME_CACHE="$cache"
t=$(date +%s)
runtime_repo=$("$here/runtime.sh" 2>"$out/runtime.log")
status=$?
[ $status = 0 ] || comment "$out/runtime.log"
check $status "a stand-in GNOME 50 runtime from Debian packages ($runtime_repo)"
[ $status = 0 ] || exit 1
grep '^runtime:' "$out/runtime.log" | comment
elapsed "runtime ready" "$t"

# Archive sources cannot be downloaded here: the same files, byte for byte
# (the manifest's sha256 is checked), come from the Debian mirror, listed in
# offline-sources. flatpak-builder finds them in its downloads folder.
state="$out/flatpak-builder"
mirror_uri=${SHUATI_DEBIAN_MIRROR_URL:-$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
mirror_uri=${mirror_uri:-http://deb.debian.org/debian}
python3 -c '
import json, sys
for module in json.load(open(sys.argv[1]))["modules"]:
    for source in module.get("sources", []):
        if source["type"] in ("archive", "file"):
            print(source["sha256"], source["url"])' "$manifest" >"$out/archives.txt"
while read -r sha url; do
  file=$(basename "$url")
  cached="$cache/downloads/$sha/$file"
  if [ ! -f "$cached" ]; then
    pool=$(sed 's/#.*//' "$here/offline-sources" | awk -v sha="$sha" '$1 == sha { print $2 }')
    if [ -z "$pool" ]; then
      check 1 "no offline copy of $url: add a Debian file with the same sha256 to tests/flatpak-run/offline-sources"
      continue
    fi
    mkdir -p "$cache/downloads/$sha"
    /usr/lib/apt/apt-helper -o APT::Sandbox::User="$(id -un)" download-file "$mirror_uri/$pool" "$cached.part" "SHA256:$sha" \
      >"$out/download.log" 2>&1 && mv "$cached.part" "$cached"
    comment "$out/download.log"
  fi
  [ "$(sha256sum <"$cached" 2>/dev/null | cut -d' ' -f1)" = "$sha" ]
  status=$?
  check $status "$file for the manifest, from Debian's mirror, has the manifest's sha256"
  if [ $status = 0 ]; then
    mkdir -p "$state/downloads/$sha"
    cp "$cached" "$state/downloads/$sha/$file"
  fi
done <"$out/archives.txt"

# --- A private HOME, display and session bus -----------------------------

work="$out/work"
rm -rf "$work" "$out/screenshots"
mkdir -p "$work/home" "$work/run" "$out/screenshots"
chmod 700 "$work/run"
export HOME="$work/home"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config"
export XDG_CACHE_HOME="$HOME/.cache" XDG_RUNTIME_DIR="$work/run"
export XDG_DATA_DIRS="$XDG_DATA_HOME/flatpak/exports/share:/usr/local/share:/usr/share"
export LANG=C.UTF-8
unset LANGUAGE LC_ALL DBUS_SESSION_BUS_ADDRESS WAYLAND_DISPLAY DISPLAY
data="$HOME/.var/app/$app_id/data/shuati"
db="$data/progress.db"

xvfb_pid=""
bus_pid=""
cleanup () {
  flatpak kill "$app_id" >/dev/null 2>&1
  [ -z "$bus_pid" ] || kill "$bus_pid" 2>/dev/null
  [ -z "$xvfb_pid" ] || kill "$xvfb_pid" 2>/dev/null
  if [ "${SHUATI_FLATPAK_KEEP:-0}" != 1 ]; then
    rm -rf "$work/home/.local/share/flatpak" "$work/app" "$work/repo" "$state/build" "$state/rofiles"
  fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp 5>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 50); do
  [ -s "$work/display" ] && break
  sleep 0.2
done
[ -s "$work/display" ] || { comment "$work/xvfb.log"; bail "Xvfb did not start"; }
DISPLAY=":$(cat "$work/display")"
export DISPLAY
# The bus's activated services (the search provider) get this environment.
dbus-daemon --session --fork --print-address=1 --print-pid=1 >"$work/bus" 2>"$work/bus.log" ||
  { comment "$work/bus.log"; bail "no session bus"; }
DBUS_SESSION_BUS_ADDRESS=$(sed -n 1p "$work/bus")
export DBUS_SESSION_BUS_ADDRESS
bus_pid=$(sed -n 2p "$work/bus")
echo "# display $DISPLAY, session bus $DBUS_SESSION_BUS_ADDRESS, HOME $HOME"

# --- Install the runtime, build and install the manifest -----------------

t=$(date +%s)
{
  flatpak --user remote-add --no-gpg-verify standin "$runtime_repo" &&
  flatpak --user install -y --noninteractive standin org.gnome.Platform//50 org.gnome.Sdk//50
} >"$work/install-runtime.log" 2>&1
status=$?
[ $status = 0 ] || comment "$work/install-runtime.log"
check $status "flatpak --user install the stand-in org.gnome.Platform//50 and org.gnome.Sdk//50"
elapsed "runtime installed" "$t"

t=$(date +%s)
flatpak-builder --user --install --force-clean --disable-rofiles-fuse --disable-download \
  --state-dir="$state" --repo="$work/repo" "$work/app" "$manifest" >"$out/flatpak-builder.log" 2>&1
status=$?
[ $status = 0 ] || tail -n 60 "$out/flatpak-builder.log" | comment
check $status "flatpak-builder --user --install --force-clean $(basename "$manifest") (log: $out/flatpak-builder.log)"
elapsed "flatpak-builder" "$t"
[ $status = 0 ] || exit 1
for module in $(python3 -c '
import json, sys
print(" ".join(m["name"] for m in json.load(open(sys.argv[1]))["modules"]))' "$manifest"); do
  grep -q "^Building module $module in " "$out/flatpak-builder.log"
  check $? "the manifest's module $module was built"
done
flatpak --user info "$app_id" >"$work/info.log" 2>&1
status=$?
comment "$work/info.log"
check $status "$app_id is installed"

# --- 3. Run it in the sandbox --------------------------------------------

app_pid=""
# Starts the app and prints its window id once it is mapped (WM_CLASS shuati).
start_app () {
  flatpak run "$app_id" >>"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 120); do
    window=$(xdotool search --onlyvisible --classname '^shuati$' 2>/dev/null | tail -n 1)
    if [ -n "$window" ]; then
      echo "$window"
      return 0
    fi
    kill -0 "$app_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}

# A screenshot once the screen has settled: not black, the same twice in a
# row (a loaded machine draws the software-rendered window late).
shot () {
  previous=""
  for _ in $(seq 30); do
    sleep 0.5
    current=$(import -window root rgb:- 2>>"$work/import.log" | md5sum)
    mean=$(import -window root -format '%[fx:mean]' info: 2>>"$work/import.log")
    [ "$current" = "$previous" ] && [ "$mean" != 0 ] && break
    previous=$current
  done
  import -window root "$out/screenshots/$1.png" 2>>"$work/import.log"
}

# How many reviews the database holds, and of how many cards.
reviews () {
  sqlite3 "$db" "SELECT count(*) || ' ' || count(DISTINCT card_id) FROM reviews" 2>/dev/null
}

wait_reviews () {
  for _ in $(seq 40); do
    [ "$(reviews)" = "$1" ] && return 0
    sleep 0.5
  done
  return 1
}

# Ctrl+R, Space, 3: study, show the answer, grade Good.
study_one_card () {
  xdotool windowfocus "$1" 2>/dev/null
  sleep 1
  xdotool key --clearmodifiers ctrl+r
  shot "$2-question"
  xdotool key --clearmodifiers space
  shot "$2-answer"
  xdotool key --clearmodifiers 3
}

quit_app () {
  xdotool windowfocus "$1" 2>/dev/null
  xdotool key --clearmodifiers ctrl+q
  for _ in $(seq 30); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$app_pid" 2>/dev/null; then
    flatpak kill "$app_id" >/dev/null 2>&1
    wait "$app_pid" 2>/dev/null
    return 1
  fi
  wait "$app_pid" 2>/dev/null
  return 0
}

window=$(start_app)
status=$?
check $status "flatpak run $app_id maps a window with WM_CLASS shuati ($window)"
if [ $status = 0 ]; then
  shot 1-sandboxed-window
  flatpak ps --columns=application >"$work/ps" 2>&1
  grep -qx "$app_id" "$work/ps"; check $? "flatpak ps lists the running sandbox"
  study_one_card "$window" 2-study
  wait_reviews "1 1"; check $? "Ctrl+R, Space, 3 records one review in ~/.var/app/$app_id/data/shuati/progress.db ($(reviews))"
  rating=$(sqlite3 "$db" "SELECT rating FROM reviews" 2>&1)
  [ "$rating" = 3 ]; check $? "the review is graded Good (rating $rating)"
  first_card=$(sqlite3 "$db" "SELECT deck_id || '/' || card_id FROM reviews" 2>&1)
  echo "# studied $first_card"
  shot 3-after-review
  quit_app "$window"; check $? "Ctrl+Q quits the sandboxed app"
else
  comment "$work/app.log"
  for skipped in "flatpak ps" "review recorded" "graded Good" "quits"; do
    check 1 "$skipped: no window"
  done
fi
[ ! -e "$HOME/.local/share/shuati" ]; check $? "nothing was written to the host's data folder"

# --check-deck on the built-in deck: the sandbox sees only its own folders,
# so the deck is copied into the app's cache folder first.
deck="$source_dir/data/corpus/llm-interview.json"
inside="$HOME/.var/app/$app_id/cache/check/$(basename "$deck")"
mkdir -p "$(dirname "$inside")"
cp "$deck" "$inside"
got=$(flatpak run --command=shuati "$app_id" --check-deck "$inside" 2>&1)
status=$?
check $status "flatpak run --command=shuati $app_id --check-deck on the built-in deck: $got"
if [ -n "$host_shuati" ]; then
  want=$("$host_shuati" --check-deck "$deck" 2>&1)
  [ "$got" = "$want" ]; check $? "the sandboxed --check-deck says what the host build says ($want)"
fi
got=$(flatpak run --command=shuati "$app_id" --check-deck "$deck" 2>&1)
status=$?
[ $status = 1 ]; check $? "the same deck at its host path is out of the sandbox's reach: $got"

flatpak --user info --show-permissions "$app_id" >"$work/permissions" 2>&1
comment "$work/permissions"
! grep -q '^filesystems=' "$work/permissions" && grep -qx 'shared=ipc;' "$work/permissions"
check $? "flatpak info --show-permissions: no filesystem access"

exports="$XDG_DATA_HOME/flatpak/exports/share"
files="$XDG_DATA_HOME/flatpak/app/$app_id/current/active/files"
for file in \
  "$exports/applications/$app_id.desktop" \
  "$exports/icons/hicolor/scalable/apps/$app_id.svg" \
  "$exports/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "$exports/dbus-1/services/$app_id.service" \
  "$exports/gnome-shell/search-providers/$app_id.search-provider.ini" \
  "$files/share/appdata/$app_id.appdata.xml"
do
  [ -s "$file" ]; check $? "installed: ${file#"$XDG_DATA_HOME/flatpak/"}"
done
grep -q "^Exec=.*flatpak run .*$app_id" "$exports/applications/$app_id.desktop"
check $? "the exported desktop file starts the app through flatpak run"

# The Shell's search provider, D-Bus-activated through the exported service.
provider="--session --dest $app_id --object-path /io/github/shuati/Shuati/SearchProvider --method org.gnome.Shell.SearchProvider2"
got=$(timeout 120 gdbus call $provider.GetInitialResultSet "['distillation']" 2>&1)
status=$?
check $status "the search provider answers GetInitialResultSet through the exported service: $got"
printf '%s' "$got" | grep -q "'llm-interview/"; check $? "it finds cards of the built-in deck"
got=$(timeout 60 gdbus call $provider.GetResultMetas "['llm-interview/llm-024']" 2>&1)
printf '%s' "$got" | grep -q "'name'"; check $? "GetResultMetas names a result"
timeout 30 gdbus call --session --dest "$app_id" --object-path /io/github/shuati/Shuati \
  --method org.gtk.Actions.Activate quit '[]' '{}' >/dev/null 2>&1
sleep 2
flatpak kill "$app_id" >/dev/null 2>&1

echo "# Not tested: importing a deck through the file chooser portal; no"
echo "# xdg-desktop-portal service runs here, so the sandbox cannot open host files."

# --- 4. Bundle, uninstall, reinstall: the progress stays ----------------

t=$(date +%s)
flatpak build-bundle "$work/repo" "$out/$app_id.flatpak" "$app_id" >"$work/bundle.log" 2>&1
status=$?
comment "$work/bundle.log"
[ $status = 0 ] && [ -s "$out/$app_id.flatpak" ]; check $? "flatpak build-bundle ($(du -h "$out/$app_id.flatpak" 2>/dev/null | cut -f1))"
flatpak --user uninstall -y --noninteractive "$app_id" >"$work/uninstall.log" 2>&1
status=$?
comment "$work/uninstall.log"
[ $status = 0 ] && ! flatpak --user info "$app_id" >/dev/null 2>&1; check $? "flatpak uninstall $app_id"
flatpak --user install -y --noninteractive --bundle "$out/$app_id.flatpak" >"$work/install-bundle.log" 2>&1
status=$?
comment "$work/install-bundle.log"
check $status "flatpak install --user --bundle"
elapsed "bundle round trip" "$t"

window=$(start_app)
status=$?
check $status "the app from the bundle maps a window ($window)"
if [ $status = 0 ]; then
  shot 4-from-bundle
  [ "$(reviews)" = "1 1" ]; check $? "the review from before is still there ($(reviews))"
  study_one_card "$window" 5-bundle-study
  wait_reviews "2 2"
  check $? "the next card studied is another one, so the app read its progress ($(reviews))"
  quit_app "$window"; check $? "Ctrl+Q quits"
else
  comment "$work/app.log"
  for skipped in "review still there" "next card" "quits"; do
    check 1 "$skipped: no window"
  done
fi

echo "# screenshots: $out/screenshots"
elapsed "total"
echo "1..$n"
exit $failed
