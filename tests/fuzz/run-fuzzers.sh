#!/bin/sh
# Builds every tests/fuzz/fuzz-*.c with libFuzzer, AddressSanitizer and
# UndefinedBehaviorSanitizer against the model sources (and the formula
# layout, which needs only Pango), then runs each one
# for SECONDS (default 60) from its seed corpus tests/fuzz/corpus/<name>/.
# Exits non-zero when a build fails or any fuzzer reports a crash, a leak,
# a sanitizer error, a timeout or running out of memory.
#
#   tests/fuzz/run-fuzzers.sh [SECONDS [NAME...]]
#
# New inputs a run finds go to _build-fuzz/corpus/<name>/, never into the
# committed seeds; a failing input is saved in _build-fuzz/artifacts/<name>/.
# A tests/fuzz/<name>.dict next to a harness is passed as its dictionary.
# Runs are reproducible: every fuzzer starts from the same seeds with the
# same random seed (FUZZ_SEED, default 1), so a run that finds nothing
# here finds nothing on another machine within as many executions; set
# FUZZ_SEED to explore other paths. FUZZ_RUNS=N also stops each fuzzer
# after N executions.
# fuzz-anki-package's seeds are written by tests/data/make-anki-packages.py
# into _build-fuzz/seeds/.

set -eu

seconds=${1:-60}
fuzz_seed=${FUZZ_SEED:-1}
[ $# -gt 0 ] && shift

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
fuzzdir="$srcdir/tests/fuzz"
builddir="$srcdir/_build-fuzz"
CC=${CC:-clang}

case "$seconds" in
  ''|*[!0-9]*) echo "usage: $0 [SECONDS [NAME...]]" >&2; exit 2 ;;
esac
case "$fuzz_seed" in
  ''|*[!0-9]*) echo "$0: FUZZ_SEED must be a number" >&2; exit 2 ;;
esac

pkg_flags=$(pkg-config --cflags --libs glib-2.0 gio-2.0 json-glib-1.0 sqlite3 pango pangocairo md4c md4c-html libarchive libzstd libxml-2.0)
cflags="-g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
  -I$builddir -I$srcdir/src/model -I$srcdir/src
  -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74
  -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74"

mkdir -p "$builddir/model" "$builddir/logs"

# The same definitions as the config.h the meson build generates.
version=$(sed -n "s/^ *version: '\([^']*\)',$/\1/p" "$srcdir/meson.build" | head -n 1)
cat > "$builddir/config.h.tmp" <<EOC
#pragma once

#define APP_ID "io.github.shuati.Shuati"
#define GETTEXT_PACKAGE "shuati"
#define HAVE_MALLOC_TRIM 1
#define LOCALEDIR "/usr/local/share/locale"
#define PACKAGE_BUGREPORTS "https://github.com/shuati/shuati/issues"
#define PACKAGE_NAME "shuati"
#define PACKAGE_VERSION "$version"
#define PACKAGE_WEBSITE "https://github.com/shuati/shuati"
EOC
if cmp -s "$builddir/config.h.tmp" "$builddir/config.h"; then
  rm "$builddir/config.h.tmp"
else
  mv "$builddir/config.h.tmp" "$builddir/config.h"
fi

# The model layer is instrumented for coverage but has no main of its own.
objects=""
for source in "$srcdir"/src/model/*.c; do
  object="$builddir/model/$(basename "$source" .c).o"
  # shellcheck disable=SC2086
  $CC $cflags -fsanitize=fuzzer-no-link,address,undefined \
    $(pkg-config --cflags glib-2.0 gio-2.0 json-glib-1.0 sqlite3 md4c md4c-html libarchive libzstd libxml-2.0) \
    -c "$source" -o "$object"
  objects="$objects $object"
done

# The formula layout measures with Pango alone, so fuzz-tex-layout runs it.
object="$builddir/model/shuati-math-layout.o"
# shellcheck disable=SC2086
$CC $cflags -fsanitize=fuzzer-no-link,address,undefined \
  $(pkg-config --cflags glib-2.0 pangocairo) \
  -c "$srcdir/src/shuati-math-layout.c" -o "$object"
objects="$objects $object"

if [ $# -gt 0 ]; then
  names="$*"
else
  names=""
  for harness in "$fuzzdir"/fuzz-*.c; do
    [ -e "$harness" ] || continue
    names="$names $(basename "$harness" .c)"
  done
fi

for name in $names; do
  # shellcheck disable=SC2086
  $CC $cflags -fsanitize=fuzzer,address,undefined \
    "$fuzzdir/$name.c" $objects $pkg_flags -o "$builddir/$name"
done

# GSlice hides use-after-free from AddressSanitizer.
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly
export ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$fuzzdir/lsan.supp:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"

status=0
for name in $names; do
  mkdir -p "$builddir/corpus/$name" "$builddir/artifacts/$name"
  set -- -max_total_time="$seconds" -seed="$fuzz_seed" -print_final_stats=1 \
    -artifact_prefix="$builddir/artifacts/$name/"
  if [ -n "${FUZZ_RUNS:-}" ]; then
    set -- "$@" -runs="$FUZZ_RUNS"
  fi
  if [ -f "$fuzzdir/$name.dict" ]; then
    set -- "$@" -dict="$fuzzdir/$name.dict"
  fi
  # Anki packages are binary: their seeds are written here, not committed.
  if [ "$name" = fuzz-anki-package ] && [ ! -d "$builddir/seeds/$name" ]; then
    SOURCE_DATE_EPOCH=1767225600 \
      python3 "$srcdir/tests/data/make-anki-packages.py" "$builddir/seeds/$name" --fuzz-seeds
  fi
  set -- "$@" "$builddir/corpus/$name"
  if [ -d "$builddir/seeds/$name" ]; then
    set -- "$@" "$builddir/seeds/$name"
  fi
  if [ -d "$fuzzdir/corpus/$name" ]; then
    set -- "$@" "$fuzzdir/corpus/$name"
  fi

  log="$builddir/logs/$name.log"
  echo "== $name: ${seconds}s (log: $log)"
  if "$builddir/$name" "$@" > "$log" 2>&1; then
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  else
    echo "== $name FAILED" >&2
    tail -n 60 "$log" >&2
    status=1
  fi
done

exit $status
