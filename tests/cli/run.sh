#!/bin/sh
# CLI cases as data: tests/cli/NAME.args holds the arguments (shell words),
# NAME.in standard input (optional), NAME.out and NAME.err the expected
# standard output and error, byte for byte, and NAME.status the exit status
# (0 when absent).  Run from the top of the tree:
#     sh tests/cli/run.sh BINARY [WRAPPER]
# With UPDATE=1 the expected files are rewritten from what the binary does
# (read the diff before committing it).
# Cases run CLI_JOBS at a time (default 2; one under each core), each into
# its own files; the report is printed in the order of the names.
bin=$1
wrap=${2:-}
dir=tests/cli
unset AISUBSIDY_RULES
if [ "${3:-}" = --one ]; then
	# one case: sh run.sh BINARY WRAPPER --one NAME TMPDIR
	name=$4
	base=$5
	args=$dir/$name.args
	tmp=$base/$name
	mkdir -p "$tmp"
	exec >"$base/$name.log"
	in=/dev/null
	[ -f "$dir/$name.in" ] && in="$dir/$name.in"
	eval "set -- $(cat "$args")"
	$wrap "$bin" "$@" <"$in" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ -n "${UPDATE:-}" ]; then
		cp "$tmp/out" "$dir/$name.out"
		cp "$tmp/err" "$dir/$name.err"
		if [ "$status" -ne 0 ]; then echo "$status" >"$dir/$name.status"; else rm -f "$dir/$name.status"; fi
	fi
	want=0
	[ -f "$dir/$name.status" ] && want=$(cat "$dir/$name.status")
	ok=1
	if ! cmp -s "$tmp/out" "$dir/$name.out"; then
		echo "FAILED $name: standard output differs:"
		diff "$dir/$name.out" "$tmp/out" | head -20
		ok=0
	fi
	if ! cmp -s "$tmp/err" "$dir/$name.err"; then
		echo "FAILED $name: standard error differs:"
		diff "$dir/$name.err" "$tmp/err" | head -20
		ok=0
	fi
	if [ "$status" != "$want" ]; then
		echo "FAILED $name: exit status $status, expected $want"
		ok=0
	fi
	[ $ok = 1 ] && echo PASS >"$base/$name.ok"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for args in "$dir"/*.args; do
	name=${args%.args}
	echo "${name##*/}"
done | xargs -P "${CLI_JOBS:-2}" -I NAME sh "$0" "$bin" "$wrap" --one NAME "$tmp"
pass=0
fail=0
for args in "$dir"/*.args; do
	name=${args%.args}
	name=${name##*/}
	cat "$tmp/$name.log" 2>/dev/null
	if [ -f "$tmp/$name.ok" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
