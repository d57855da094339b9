#!/bin/sh
# seeds.sh: writes the seed corpora of the fuzz targets into DIR/TARGET/
# (default build-fuzz/corpus), from the tests, the examples and the rules:
#
#   fuzz_profile, fuzz_batch  examples/*.json, each line of tests/cli/*.in,
#                             the profiles of rules/tests/*.yaml,
#                             tests/rules-dated/tests/*.yaml,
#                             tests/rules-ledger/tests/*.yaml and
#                             tests/rules-terms/tests/*.yaml as JSON
#   fuzz_rules                rules/*.yaml, tests/cli/*/*.yaml,
#                             tests/rules-dated/*.yaml,
#                             tests/rules-ledger/*.yaml,
#                             tests/rules-terms/*.yaml
#   fuzz_expr                 every expression of the rule files, with
#                             "@FIELD:" before those of a per-entry award
#   fuzz_ruletest             rules/tests/*.yaml, tests/rules-dated/tests/
#                             *.yaml, and each case alone
#
# Run from the top of the source tree.  Seeds are named by the SHA-1 of
# their bytes, as libFuzzer names what it adds, so running this again over
# a grown corpus adds nothing twice; files over 64 KiB are left out
# (tests/cli/batch-huge-line.in), they would only slow every run.  Needs python3 with PyYAML for the
# profiles of the rule tests and the expressions; without it those are
# left out.
set -eu
out=${1:-build-fuzz/corpus}
mkdir -p "$out/fuzz_profile" "$out/fuzz_batch" "$out/fuzz_rules" \
    "$out/fuzz_expr" "$out/fuzz_ruletest"

# put FILE TARGET: copies FILE into the corpus of TARGET under its hash
put() {
	[ "$(wc -c < "$1")" -le 65536 ] || return 0	# a seed of 64 KiB at most
	h=$(sha1sum < "$1" | cut -d' ' -f1)
	cp "$1" "$out/$2/$h"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in examples/*.json; do
	put "$f" fuzz_profile
	put "$f" fuzz_batch
done
for f in tests/cli/*.in; do
	put "$f" fuzz_batch
	put "$f" fuzz_profile
	# each line of a batch input alone, for the one-profile target
	n=0
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		[ -n "$line" ] || continue
		printf '%s\n' "$line" > "$tmp/line"
		put "$tmp/line" fuzz_profile
	done < "$f"
done
for f in rules/*.yaml tests/cli/*/*.yaml tests/rules-dated/*.yaml \
    tests/rules-ledger/*.yaml tests/rules-terms/*.yaml; do
	put "$f" fuzz_rules
done
for f in rules/tests/*.yaml tests/cli/*/tests/*.yaml \
    tests/rules-dated/tests/*.yaml tests/rules-ledger/tests/*.yaml \
    tests/rules-terms/tests/*.yaml; do
	[ -f "$f" ] && put "$f" fuzz_ruletest
done

if python3 -c 'import yaml' 2>/dev/null; then
	python3 - "$tmp" rules/*.yaml rules/tests/*.yaml tests/rules-dated/*.yaml \
	    tests/rules-dated/tests/*.yaml tests/rules-ledger/*.yaml \
	    tests/rules-ledger/tests/*.yaml tests/rules-terms/*.yaml \
	    tests/rules-terms/tests/*.yaml <<'PY'
import json, os, sys, yaml

tmp = sys.argv[1]
n = 0

def emit(kind, text):
    global n
    n += 1
    with open(os.path.join(tmp, "%s.%d" % (kind, n)), "w") as f:
        f.write(text)

TERMS = ("test", "base", "rate", "cap", "amount", "ceiling", "where")

def exprs(node, each):
    """Yields (each, text) for every expression under node."""
    if isinstance(node, dict):
        each = node.get("each", each)
        for k, v in node.items():
            if k in TERMS and isinstance(v, (str, int, float)):
                yield each, str(v)
            elif k in TERMS and isinstance(v, list):
                # dated versions: [{from:, value:}, ...]
                for ver in v:
                    if isinstance(ver, dict) and "value" in ver:
                        yield each, str(ver["value"])
            else:
                yield from exprs(v, each)
    elif isinstance(node, list):
        for v in node:
            yield from exprs(v, each)

for path in sys.argv[2:]:
    doc = yaml.safe_load(open(path))
    if "/tests/" in path:
        for case in doc.get("cases", []):
            emit("ruletest", yaml.safe_dump({"cases": [case]},
                 allow_unicode=True, default_flow_style=None))
            prof = case.get("profile")
            if isinstance(prof, dict):
                emit("profile", json.dumps(prof, ensure_ascii=False,
                     default=str) + "\n")
        continue
    seen = set()
    for each, text in exprs(doc.get("programs", []), None):
        s = ("@%s:%s" % (each, text)) if each else text
        if s not in seen:
            seen.add(s)
            emit("expr", s)
PY
	for f in "$tmp"/profile.*; do
		[ -f "$f" ] || continue
		put "$f" fuzz_profile
		put "$f" fuzz_batch
	done
	for f in "$tmp"/expr.*; do
		[ -f "$f" ] && put "$f" fuzz_expr
	done
	for f in "$tmp"/ruletest.*; do
		[ -f "$f" ] && put "$f" fuzz_ruletest
	done
fi

for t in fuzz_profile fuzz_batch fuzz_rules fuzz_expr fuzz_ruletest; do
	echo "$out/$t: $(ls "$out/$t" | wc -l) seeds"
done
