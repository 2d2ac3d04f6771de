#!/bin/sh
# TAP test of the GNOME Shell search provider and of the single instance: on
# a private session bus whose service directory holds the build's D-Bus
# service file, pointed at the built program, the calls the Shell makes
# D-Bus-activate Shuati; later launches of the program hand their command
# line to that instance.
#
#   test-search-provider.sh SHUATI SERVICE-FILE
shuati="$1"
service="$2"

if [ -z "${SHUATI_TEST_SESSION:-}" ]; then
  for tool in dbus-run-session gdbus; do
    if ! command -v "$tool" >/dev/null 2>&1; then
      echo "1..0 # SKIP $tool is not installed"
      exit 0
    fi
  done
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # A learner's own deck next to the built-in one.
  mkdir -p "$tmp/data/shuati/decks"
  cp "$(dirname "$0")/data/good/mini.json" "$tmp/data/shuati/decks/mini.json"
  mkdir -p "$tmp/share/dbus-1/services"
  sed "s|^Exec=[^ ]*|Exec=$shuati|" "$service" \
    > "$tmp/share/dbus-1/services/io.github.shuati.Shuati.service"
  SHUATI_TEST_SESSION=1 XDG_DATA_HOME="$tmp/data" XDG_DATA_DIRS="$tmp/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" \
    dbus-run-session -- "$0" "$@" 2>"$tmp/session.log"
  status=$?
  # The activated program writes here: keep it for the test log.
  sed 's/^/# /' "$tmp/session.log" >&2
  exit $status
fi

bus="--session --dest io.github.shuati.Shuati"
provider="$bus --object-path /io/github/shuati/Shuati/SearchProvider --method org.gnome.Shell.SearchProvider2"
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

# The ids in a reply such as (['llm-interview/llm-023', 'mini/m2'],), one a
# line, sorted.
ids () {
  grep -o "'[^']*'" | tr -d "'" | sort
}

contains () {
  printf '%s\n' "$1" | grep -qx "$2"
}

echo "1..36"

out=$(gdbus call $provider.GetInitialResultSet "['蒸馏']" 2>&1); status=$?
check "$status" "GetInitialResultSet ['蒸馏'] activates the service: $out"
zh=$(printf '%s' "$out" | ids)
contains "$zh" llm-interview/llm-024; check $? "the Chinese term finds the knowledge-distillation card"

out=$(gdbus call $provider.GetInitialResultSet "['distillation']" 2>&1); status=$?
check "$status" "GetInitialResultSet ['distillation']: $out"
en=$(printf '%s' "$out" | ids)
contains "$en" llm-interview/llm-024; check $? "the English term finds the knowledge-distillation card"
[ "$zh" = "$en" ]; check $? "both languages find the same cards"

# Pinyin initials and full pinyin, typed without an input method.
out=$(gdbus call $provider.GetInitialResultSet "['zszl']" 2>&1)
contains "$(printf '%s' "$out" | ids)" llm-interview/llm-024; check $? "the initials zszl find the knowledge-distillation card: $out"
out=$(gdbus call $provider.GetInitialResultSet "['zhishi', 'zhengliu']" 2>&1)
contains "$(printf '%s' "$out" | ids)" llm-interview/llm-024; check $? "the pinyin zhishi zhengliu finds it too: $out"
# A Shell term is a word, never the query language.
# As a query, -蒸馏 would find every card without it; as a word, none.
out=$(gdbus call $provider.GetInitialResultSet "['-蒸馏']" 2>&1)
[ "$out" = "(@as [],)" ]; check $? "a leading minus is part of the word: $out"

out=$(gdbus call $provider.GetInitialResultSet "['no-such-word-anywhere']" 2>&1)
[ "$out" = "(@as [],)" ]; check $? "a term that matches nothing gives no results: $out"

out=$(gdbus call $provider.GetInitialResultSet "['distillation', 'teacher']" 2>&1)
narrow=$(printf '%s' "$out" | ids)
previous=$(printf "'%s', " $en)
out=$(gdbus call $provider.GetSubsearchResultSet "[$previous 'llm-interview/llm-001', 'llm-interview/no-such-card', 'no-such-deck/llm-024', 'llm-024']" "['distillation', 'teacher']" 2>&1); status=$?
check "$status" "GetSubsearchResultSet: $out"
sub=$(printf '%s' "$out" | ids)
[ -n "$sub" ] && [ "$sub" = "$narrow" ]; check $? "the subsearch finds what a new search for its terms finds"
[ "$sub" != "$en" ]; check $? "a longer query narrows the results"

out=$(gdbus call $provider.GetSubsearchResultSet "['llm-interview/llm-001']" "['distillation']" 2>&1)
[ "$out" = "(@as [],)" ]; check $? "the subsearch only keeps previous results: $out"

out=$(gdbus call $provider.GetResultMetas "['llm-interview/llm-024', 'llm-interview/no-such-card', 'llm-024']" 2>&1); status=$?
check "$status" "GetResultMetas: $out"
[ "$(printf '%s' "$out" | grep -o "'id': <'[^']*'>")" = "'id': <'llm-interview/llm-024'>" ]; check $? "one meta, for the card that exists"
printf '%s' "$out" | grep -q "'name': <'[^']" ; check $? "the meta has a name"
printf '%s' "$out" | grep -q "'description': <'[^']" ; check $? "the meta has a description"
printf '%s' "$out" | grep -q "'gicon': <'io.github.shuati.Shuati'>" ; check $? "the meta has the app icon"

out=$(gdbus call $provider.ActivateResult llm-interview/llm-024 "['distillation']" 0 2>&1); status=$?
check "$status" "ActivateResult: $out"

# The learner's decks load in the background; once they have, their cards
# are found too.
found=1
for attempt in $(seq 40); do
  out=$(gdbus call $provider.GetInitialResultSet "['问二']" 2>&1)
  if contains "$(printf '%s' "$out" | ids)" mini/m2; then found=0; break; fi
  sleep 0.5
done
check $found "a card of the learner's own deck is found: $out"

# So are the cards of the second built-in deck, loaded with the library.
out=$(gdbus call $provider.GetInitialResultSet "['KV', 'cache']" 2>&1); status=$?
check "$status" "GetInitialResultSet ['KV', 'cache']: $out"
printf '%s' "$out" | ids | grep -q '^llm-core/core-inference-'; check $? "KV cache finds the inference cards of llm-core"
out=$(gdbus call $provider.GetSubsearchResultSet "['mini/m2', 'mini/m1']" "['问二']" 2>&1)
[ "$(printf '%s' "$out" | ids)" = mini/m2 ]; check $? "the subsearch keeps it: $out"
out=$(gdbus call $provider.GetResultMetas "['mini/m2']" 2>&1)
[ "$(printf '%s' "$out" | grep -o "'id': <'[^']*'>")" = "'id': <'mini/m2'>" ]; check $? "its meta: $out"
out=$(gdbus call $provider.ActivateResult mini/m2 "['问二']" 0 2>&1); status=$?
check "$status" "ActivateResult on the learner's deck: $out"

out=$(gdbus call $provider.LaunchSearch "['distillation']" 0 2>&1); status=$?
check "$status" "LaunchSearch: $out"

# The activated service now has the one window; a second launch goes to it.
out=$("$shuati" --topic no-such-topic 2>&1); status=$?
case "$status:$out" in
  "1:There is no topic “no-such-topic”; the topics are: "*fundamentals*) ok=0 ;;
  *) ok=1 ;;
esac
check $ok "a second launch with an unknown topic fails in the first instance: $out"

out=$("$shuati" 2>&1); status=$?
[ "$status" = 0 ]; check $? "a second plain launch exits 0: $out"

# Hostile input through the running instance: it answers at once and
# stays up.
huge=$(head -c 100000 /dev/zero | tr '\0' x)
start=$(date +%s)
out=$(timeout 20 gdbus call $provider.GetInitialResultSet "['$huge']" 2>&1); status=$?
[ "$status" = 0 ] && [ "$out" = "(@as [],)" ]; check $? "a query of 100,000 characters gives no results at once: $(printf '%.80s' "$out")"
out=$(timeout 20 gdbus call $provider.LaunchSearch "['$huge']" 0 2>&1); status=$?
check "$status" "LaunchSearch with 100,000 characters: $(printf '%.80s' "$out")"
out=$(timeout 20 gdbus call $provider.GetInitialResultSet "['distillation']" 2>&1); status=$?
check "$status" "the instance still answers after them, in $(( $(date +%s) - start )) s: $(printf '%.60s' "$out")"

long="/nonexistent/$(head -c 5000 /dev/zero | tr '\0' p).json"
out=$("$shuati" "$long" 2>&1); status=$?
[ "$status" = 1 ]; check $? "a second launch with a path of 5,000 characters that is not there fails: $(printf '%.60s' "$out")"
out=$("$shuati" "$(printf '/nonexistent/caf\351.json')" 2>&1); status=$?
[ "$status" = 1 ] && [ "$out" = "$(printf 'Cannot import “/nonexistent/caf\357\277\275.json”: there is no such file')" ]
check $? "a second launch with a name that is not UTF-8 says so: $out"
out=$("$shuati" --topic "$(printf 'x\033[2J')" 2>&1); status=$?
case "$status:$out" in
  *"$(printf '\033')"*) ok=1 ;;
  '1:There is no topic “x\x1B[2J”'*) ok=0 ;;
  *) ok=1 ;;
esac
check $ok "the first instance prints escape sequences from arguments as text: $out"
out=$(timeout 20 gdbus call $provider.GetInitialResultSet "['distillation']" 2>&1); status=$?
check "$status" "the instance is still up: $(printf '%.60s' "$out")"

windows=$(gdbus introspect $bus --object-path /io/github/shuati/Shuati/window 2>&1 | grep -c '^ *node [0-9]')
[ "$windows" = 1 ]; check $? "launches raise the one window instead of opening more ($windows)"

gdbus call $bus --object-path /io/github/shuati/Shuati \
  --method org.gtk.Actions.Activate quit "[]" "{}" >/dev/null 2>&1

exit $failed
