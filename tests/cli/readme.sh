#!/bin/sh
# README.md shows the full result of one example; it must be what the
# binary prints.  With UPDATE=1 the block is rewritten.
#     sh tests/cli/readme.sh BINARY
bin=$1
cmd="calc --pretty --eligible-only examples/shenzhen-startup.json"
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.new"' EXIT
unset AISUBSIDY_RULES
"$bin" $cmd >"$tmp" || exit 1
# the lines between "    $ aisubsidy $cmd" and the closing fence
awk -v start="    \$ aisubsidy $cmd" -v file="$tmp" '
	$0 == start { print; while ((getline l < file) > 0) print "    " l; skip = 1; next }
	skip && /^$/ { skip = 0 }
	!skip { print }
' README.md >"$tmp.new"
if [ -n "${UPDATE:-}" ]; then
	cp "$tmp.new" README.md
fi
if cmp -s "$tmp.new" README.md; then
	echo "readme: 1 passed, 0 failed"
else
	diff README.md "$tmp.new" | head -20
	echo "FAILED readme: the example in README.md is not what '$cmd' prints (UPDATE=1 to rewrite)"
	exit 1
fi
