#!/bin/sh
# TAP test of `shuati --check-deck`: the summary line for a good deck, a
# located message and exit status 1 for bad ones.
shuati="$1"
data="$2"
anki="$3"
corpus="$data/../../data/corpus/llm-interview.json"
n=0
failed=0

# A description may quote several lines of output: TAP wants one.
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

echo "1..25"

out=$("$shuati" --check-deck "$corpus" 2>&1); status=$?
check "$status" "the built-in deck checks out"
[ "$out" = "llm-interview: 24 cards, 4 topics, languages zh_CN, en" ]; check $? "summary line: $out"

out=$("$shuati" --check-deck "$data/bad/trailing-comma.json" 2>&1); status=$?
[ "$status" = 1 ]; check $? "a syntax error exits 1"
[ "$out" = "$data/bad/trailing-comma.json:4:15: unexpected character \`,', expected character \`]'" ]; check $? "syntax error line: $out"

out=$("$shuati" --check-deck "$data/bad/unknown-topic.json" 2>&1); status=$?
[ "$status" = 1 ]; check $? "a schema error exits 1"
case "$out" in
  "$data/bad/unknown-topic.json: cards[0]: the topic \"nowhere\""*) check 0 "schema error line: $out";;
  *) check 1 "schema error line: $out";;
esac

out=$("$shuati" --check-deck /nonexistent/deck.json 2>&1); status=$?
[ "$status" = 1 ]; check $? "a missing file exits 1: $out"

seed="$data/llm-interview-questions.md"
out=$("$shuati" --check-deck "$seed" 2>&1); status=$?
check "$status" "a Markdown question bank checks out with warnings"
expected="llm-interview-questions: 24 cards, 1 topic, languages zh_CN
$seed:391: card 24: no explanation
$seed:402: card 24 looks cut off at the end of the file"
[ "$out" = "$expected" ]; check $? "Markdown summary and warnings: $out"

csv="$data/import/good/anki-export.txt"
out=$("$shuati" --check-deck "$csv" 2>&1); status=$?
check "$status" "an Anki export checks out with warnings"
case "$out" in
  "anki-export: 3 cards, 2 topics, languages en
$csv:8: the sound “clip.mp3” is left out"*) check 0 "Anki summary and warnings: $out";;
  *) check 1 "Anki summary and warnings: $out";;
esac

out=$("$shuati" --check-deck "$data/import/bad/unterminated-quote.csv" 2>&1); status=$?
[ "$status" = 1 ]; check $? "a broken CSV file exits 1"
[ "$out" = "$data/import/bad/unterminated-quote.csv:3:1: the quoted field that starts here never ends" ]; check $? "CSV error line: $out"

# Escape sequences in a file's name or text reach the terminal as text.
esc=$(printf '\033')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hostile="$tmp/$(printf 'x\033[2J\033]0;owned\007.json')"
printf '{"format":"shuati-deck","version":1,"id":"x","languages":["en"],"title":"x","topics":[],"cards":[{"id":"a","number":1,"topic":"\\u001b[31mred","title":"t","question":"q","answer":"a"}]}' > "$hostile"
out=$("$shuati" --check-deck "$hostile" 2>&1); status=$?
[ "$status" = 1 ]; check $? "a deck with escapes in its name and text exits 1"
case "$out" in
  *"$esc"*) check 1 "no escape sequence reaches the terminal: $(printf '%s' "$out" | od -c | head -3)";;
  *'x\x1B[2J\x1B]0;owned\x07.json: cards[0]: '*'\x1B[31mred'*) check 0 "escapes shown as text: $out";;
  *) check 1 "escapes shown as text: $out";;
esac

latin1="$tmp/$(printf 'caf\351.md')"
printf '# Topic\n\n## 1. Question?\n\nAnswer.\n' > "$latin1"
out=$("$shuati" --check-deck "$latin1" 2>&1); status=$?
check "$status" "a file name that is not UTF-8 checks out: $out"
out=$("$shuati" --check-deck "$tmp/$(printf 'caf\351-gone.json')" 2>&1)
case "$out" in
  "$tmp/caf\xE9-gone.json: "*) check 0 "its name is shown readably: $out";;
  *) check 1 "its name is shown readably: $out";;
esac

# Endless or blocking input is refused at once, never read.
out=$(timeout 20 "$shuati" --check-deck /dev/zero 2>&1); status=$?
[ "$status" = 1 ] && [ "$out" = "/dev/zero: “zero” is not an ordinary file" ]; check $? "/dev/zero is refused: $status $out"

fifo=$(mktemp -u "${TMPDIR:-/tmp}/shuati-check-deck-XXXXXX")
mkfifo "$fifo"
out=$(timeout 20 "$shuati" --check-deck "$fifo" 2>&1); status=$?
rm -f "$fifo"
[ "$status" = 1 ]; check $? "a FIFO is refused without blocking: $status $out"

out=$("$shuati" --check-deck "$data/bad/version-overflow.json" 2>&1); status=$?
[ "$status" = 1 ] && [ "$out" = "$data/bad/version-overflow.json:3:14: version 99999999999999999999999 is not supported; this Shuati reads version 1" ]
check $? "a version too large for 64 bits: $out"

out=$("$shuati" --check-deck "$data/bad/nul-escape-text.json" 2>&1); status=$?
[ "$status" = 1 ] && [ "$out" = "$data/bad/nul-escape-text.json:21:21: “\\u0000” (a NUL character) is not allowed in a deck" ]
check $? "a NUL escape: $out"

out=$("$shuati" --check-deck "$data/bad/id-leading-dot.json" 2>&1); status=$?
[ "$status" = 1 ]; check $? "an id starting with a dot: $out"

# A whole Anki collection: the summary, then each deck it makes.
out=$("$shuati" --check-deck "$anki/whole.colpkg" 2>&1); status=$?
check "$status" "an Anki collection checks out with warnings"
hashed=$(printf '计算机' | sha1sum | cut -c1-10)
case "$out" in
  "whole: 8 cards, 6 topics, languages en
  c: 1 card, 1 topic, languages en
  c-2: 1 card, 1 topic, languages en
  english: 2 cards, 2 topics, languages en
  anki-$hashed: 4 cards, 2 topics, languages zh_CN
"*"the Anki deck “Empty” has no cards to import"*) check 0 "the decks of an Anki collection: $out";;
  *) check 1 "the decks of an Anki collection: $out";;
esac

out=$("$shuati" --version 2>&1); status=$?
[ "$status" = 0 ] && [ "$out" = "shuati 0.1.0" ]; check $? "--version: $out"

exit $failed
