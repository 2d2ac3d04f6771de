#!/bin/sh
# Every string the sources mark for translation has a translation in
# po/LANG.po: the catalog is extracted as the build's pot target does,
# merged with the translation, and any untranslated or fuzzy entry fails.
#
#   catalog-complete.sh SOURCE_ROOT LANG

set -eu

srcdir=$1
lang=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$srcdir"
xgettext --package-name=shuati -f po/POTFILES.in -D "$srcdir" -o "$work/shuati.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format
msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/shuati.pot" -o "$work/merged.po"

missing=$(msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
# The header is an entry with an empty msgid of its own.
[ "$missing" -gt 0 ] && missing=$((missing - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$missing" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "po/$lang.po lacks $missing translations and has $fuzzy fuzzy ones:"
  msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -A2 '^#: ' || true
  msgattrib --only-fuzzy --no-obsolete "$work/merged.po" | grep -A2 '^#: ' || true
  exit 1
fi
echo "po/$lang.po translates every string of the sources"
