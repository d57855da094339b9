#!/bin/sh
# CLI cases as data: tests/cli/NAME.args holds the arguments (shell words),
# NAME.in standard input (optional), NAME.out and NAME.err the expected
# standard output and error, byte for byte, and NAME.status the exit status
# (0 when absent).  Run from the top of the tree:
#     sh tests/cli/run.sh BINARY [WRAPPER]
# With UPDATE=1 the expected files are rewritten from what the binary does
# (read the diff before committing it).
bin=$1
wrap=${2:-}
dir=tests/cli
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset AISUBSIDY_RULES
pass=0
fail=0
for args in "$dir"/*.args; do
	name=${args%.args}
	name=${name##*/}
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
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
