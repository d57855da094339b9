#!/bin/sh
# Batch output split across processes with GNU parallel must be the same
# bytes as one process: profiles from the benchmark generator, run whole
# and under `parallel --pipe --keep-order`, compact and full, compared.
#     sh tests/cli/parallel.sh BINARY
# Prints "parallel: skipped" and exits 0 when GNU parallel is missing.
bin=$1
n=3000
if [ -z "$bin" ]; then
	echo "usage: sh tests/cli/parallel.sh BINARY" >&2
	exit 2
fi
if ! command -v parallel >/dev/null 2>&1; then
	echo "parallel: skipped"
	exit 0
fi
case $bin in
/*) ;;
*) bin=$(pwd)/$bin ;;
esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset AISUBSIDY_RULES
${CC:-cc} -O2 -std=c11 -D_DEFAULT_SOURCE -o "$tmp/gen" bench/gen.c || {
	echo "parallel: unable to build bench/gen.c"
	exit 1
}
"$tmp/gen" $n >"$tmp/profiles.ndjson"

pass=0
fail=0
check() {	# label, options of calc...
	label=$1
	shift
	"$bin" calc --batch "$@" --as-of 2025-06-30 - \
	    <"$tmp/profiles.ndjson" >"$tmp/whole" 2>"$tmp/whole.err"
	s1=$?
	parallel --will-cite --pipe --keep-order -N 250 \
	    "$bin" calc --batch "$@" --as-of 2025-06-30 - \
	    <"$tmp/profiles.ndjson" >"$tmp/split" 2>"$tmp/split.err"
	s2=$?
	lines=$(wc -l <"$tmp/whole")
	ok=1
	if [ "$s1" != 0 ] || [ "$s2" != 0 ]; then
		echo "FAILED parallel $label: exit status $s1 whole, $s2 split"
		head -5 "$tmp/whole.err" "$tmp/split.err"
		ok=0
	fi
	if [ "$lines" -ne $n ]; then
		echo "FAILED parallel $label: $lines result lines for $n profiles"
		ok=0
	fi
	if ! cmp -s "$tmp/whole" "$tmp/split"; then
		echo "FAILED parallel $label: split output differs:"
		cmp "$tmp/whole" "$tmp/split" | head -1
		ok=0
	fi
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}
check compact --compact
check full
echo "parallel: $pass passed, $fail failed"
[ $fail = 0 ]
