#!/bin/sh
# TAP test of `shuati --check-deck`: the summary line for a good deck, a
# located message and exit status 1 for bad ones.
shuati="$1"
data="$2"
corpus="$data/../../data/corpus/llm-interview.json"
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

echo "1..8"

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

out=$("$shuati" --version 2>&1); status=$?
[ "$status" = 0 ] && [ "$out" = "shuati 0.1.0" ]; check $? "--version: $out"

exit $failed
