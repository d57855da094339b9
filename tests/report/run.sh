#!/bin/sh
# The report page in a real browser: each page is opened in headless
# Chromium, which must say nothing about it (no console message, no
# error naming the page), and check.py compares every figure of the DOM
# Chromium built (an element with a data-key, its JSON path) with the
# JSON's value there, and checks that the page runs and fetches nothing.
#     sh tests/report/run.sh AISUBSIDY RENDER GEN [WRAPPER]
# RENDER is tests/report/render.c built, GEN bench/gen.c built.  Pages:
# the hand-written compare reports of tests/report (with a reform in zh,
# the baseline alone in en), and aisubsidy report of 300 generated
# profiles with the example reform against aisubsidy compare's report of
# the same (en and zh) and without one; one page in each language is
# opened in the browser, the others read as written.
# REPORT_CHROMIUM names the browser (default chromium); without one the
# check fails under CI (tools/deps.sh installs it) and is skipped, said
# so, elsewhere.  REPORT_KEEP=DIR keeps the pages and DOMs there.
bin=$1
render=$2
gen=$3
wrap=${4:-}
here=tests/report
chromium=${REPORT_CHROMIUM:-chromium}
pass=0
fail=0

if ! command -v "$chromium" >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "report-check: $chromium not installed (tools/deps.sh installs it)"
		echo "report-check: 0 passed, 1 failed"
		exit 1
	fi
	echo "report-check: chromium not installed, skipped"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset AISUBSIDY_RULES AISUBSIDY_ADD_RULES

ok() { pass=$((pass + 1)); }
bad() { echo "FAILED report-check: $*"; fail=$((fail + 1)); }

# Checks page $1 against JSON $2 as written, not opened (the browser
# takes a second and more a page: one page in each language is opened).
read_page() {
	name=$(basename "$1" .html)
	if python3 "$here/check.py" "$1" "$1" "$2"; then
		ok
	else
		bad "$name: figures differ from the JSON"
	fi
}

# Opens page $1 in the browser and checks its DOM against JSON $2.
browse() {
	page=$1
	json=$2
	name=$(basename "$page" .html)
	# no network: every host resolves to nothing, whatever the page says
	if ! "$chromium" --headless --no-sandbox --disable-gpu \
	    --user-data-dir="$tmp/profile" --no-first-run \
	    --disable-extensions --disable-background-networking \
	    --host-resolver-rules='MAP * ~NOTFOUND' \
	    --enable-logging=stderr --v=0 \
	    --dump-dom "file://$page" >"$tmp/$name.dom" 2>"$tmp/$name.log"; then
		bad "$name: $chromium failed"
		tail -5 "$tmp/$name.log"
		return
	fi
	if grep -E ':CONSOLE|Uncaught|ERROR:.*file://' "$tmp/$name.log"; then
		bad "$name: $chromium said the above of the page"
		return
	fi
	if ! grep -q '</html>' "$tmp/$name.dom"; then
		bad "$name: $chromium wrote no DOM"
		return
	fi
	if python3 "$here/check.py" "$page" "$tmp/$name.dom" "$json"; then
		ok
	else
		bad "$name: figures differ from the JSON"
	fi
}

# the hand-written reports
for c in reform:zh:browse baseline:en:read_page; do
	f=${c%%:*}
	lang=${c#*:}
	how=${lang#*:}
	lang=${lang%:*}
	if $wrap "$render" html "$lang" "$here/$f.json" >"$tmp/fixture-$f-$lang.html"
	then
		$how "$tmp/fixture-$f-$lang.html" "$here/$f.json"
	else
		bad "fixture-$f-$lang: render failed"
	fi
done

# the checker itself: a figure changed in a DOM must be found
dom=$tmp/fixture-reform-zh.dom
if [ -f "$dom" ]; then
	sed 's/data-key="compare.total.reform.paid">[^<]*</data-key="compare.total.reform.paid">1</' \
	    "$dom" >"$tmp/wrong.dom"
	if python3 "$here/check.py" "$tmp/fixture-reform-zh.html" \
	    "$tmp/wrong.dom" "$here/reform.json" >"$tmp/wrong.out"; then
		bad "check.py took a wrong figure"
	elif ! grep -q 'compare.total.reform.paid shows' "$tmp/wrong.out"; then
		bad "check.py did not name the wrong figure"
		cat "$tmp/wrong.out"
	else
		ok
	fi
fi

# aisubsidy report of a generated population (its claim dates moved to
# 2026, when examples/reform-training-40.yaml takes effect) against the
# JSON report of aisubsidy compare; the baseline alone against that of
# the library's compare without a reform (the command needs one)
"$gen" 300 20251201 | sed 's/"as_of":"2025-/"as_of":"2026-/' >"$tmp/pop.ndjson"
set -- --as-of 2026-06-30
reform="--reform examples/reform-training-40.yaml"
if $wrap "$bin" compare "$@" $reform "$tmp/pop.ndjson" >"$tmp/pop.json"; then
	for c in en:browse zh:read_page; do
		lang=${c%:*}
		if $wrap "$bin" report "$@" $reform --lang "$lang" \
		    "$tmp/pop.ndjson" >"$tmp/cli-$lang.html"; then
			${c#*:} "$tmp/cli-$lang.html" "$tmp/pop.json"
		else
			bad "cli-$lang: aisubsidy report failed"
		fi
	done
	# the same bytes from standard input, in one thread
	$wrap "$bin" report "$@" $reform --lang en -j 1 - <"$tmp/pop.ndjson" \
	    >"$tmp/cli-stdin.html"
	if cmp -s "$tmp/cli-en.html" "$tmp/cli-stdin.html"; then
		ok
	else
		bad "the page of standard input in one thread differs"
	fi
else
	bad "aisubsidy compare failed"
fi
if $wrap "$render" compare 2026-06-30 "$tmp/pop.ndjson" >"$tmp/pop-baseline.json" &&
    $wrap "$bin" report "$@" "$tmp/pop.ndjson" >"$tmp/cli-baseline-zh.html"; then
	read_page "$tmp/cli-baseline-zh.html" "$tmp/pop-baseline.json"
else
	bad "cli-baseline-zh: the baseline alone failed"
fi

if [ -n "${REPORT_KEEP:-}" ]; then
	mkdir -p "$REPORT_KEEP" && cp "$tmp"/*.html "$tmp"/*.dom "$tmp"/*.json \
	    "$REPORT_KEEP"/
fi
echo "report-check: $pass passed, $fail failed"
[ "$fail" = 0 ]
