#!/bin/sh
# selective: calc of one profile parses only the rule files the profile
# needs (docs/performance.md, "Start-up that does not grow with the rule
# set"); its output, errors and status must be those of the same calc
# with every file parsed (AISUBSIDY_FULL_LOAD=1), byte for byte: for the
# examples and a generated population, with the built-in rules and with
# 100 generated jurisdictions besides (bench/genrules.sh).
#     sh tests/selective/run.sh BUILD
bin=$1/aisubsidy
gen=$1/pop/gen
tmp=$1/selective
rm -rf "$tmp"
mkdir -p "$tmp/pop"
sh bench/genrules.sh "$tmp/rules" 100 || exit 1
"$gen" 13 24 > "$tmp/pop.ndjson" || exit 1
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf '%s\n' "$line" > "$tmp/pop/$i.json"
done < "$tmp/pop.ndjson"

pass=0
fail=0
same() {	# the arguments of a calc
	"$bin" calc "$@" > "$tmp/s.out" 2> "$tmp/s.err"
	s=$?
	AISUBSIDY_FULL_LOAD=1 "$bin" calc "$@" > "$tmp/f.out" 2> "$tmp/f.err"
	f=$?
	if [ $s = $f ] && cmp -s "$tmp/s.out" "$tmp/f.out" &&
	    cmp -s "$tmp/s.err" "$tmp/f.err"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "selective: calc $*: differs from the full load (status $s, $f)"
		diff "$tmp/f.out" "$tmp/s.out" | head -5
		diff "$tmp/f.err" "$tmp/s.err" | head -5
	fi
}

for p in examples/*.json; do
	same "$p"
	same --add-rules "$tmp/rules" "$p"
done
same --format text --lang zh examples/chengdu-ai-firm.json
same --add-rules "$tmp/rules" --compact --lang en examples/sichuan-venture-fund.json
same --jurisdiction sichuan --jurisdiction gencity001 --add-rules "$tmp/rules" \
    examples/chengdu-ai-firm.json
same --jurisdiction gencity002 --add-rules "$tmp/rules" examples/shenzhen-startup.json
# a reform reads every file (not selective): the same either way
same --reform examples/reform-training-40.yaml examples/shenzhen-startup.json
same --set-term shenzhen.training_voucher.rate=40% --add-rules "$tmp/rules" \
    examples/shenzhen-startup.json
k=1
while [ $k -le "$i" ]; do
	same --as-of 2025-06-30 "$tmp/pop/$k.json"
	if [ $((k % 4)) = 0 ]; then
		same --as-of 2025-06-30 --add-rules "$tmp/rules" --compact \
		    --lang zh "$tmp/pop/$k.json"
	fi
	k=$((k + 1))
done
echo "selective: $pass passed, $fail failed"
[ $fail = 0 ]
