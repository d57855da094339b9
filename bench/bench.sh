#!/bin/sh
# make bench: throughput of aisubsidy against a cJSON baseline on the same
# generated profiles, in one run (each the best of five, taken in turns),
# and its peak memory and start-up time.
#     sh bench/bench.sh BINARY [N]
set -e
bin=$1
n=${2:-200000}
dir=build-bench
cc=${CC:-cc}
mkdir -p $dir
flags="-O2 -std=c11 -Wall -Wextra -Wpedantic -D_DEFAULT_SOURCE"
$cc $flags -o $dir/gen bench/gen.c
$cc $flags -o $dir/run bench/run.c
$cc $flags $(pkg-config --cflags libcjson) -o $dir/baseline bench/baseline.c \
    $(pkg-config --libs libcjson)
$dir/gen "$n" > $dir/profiles.ndjson
bytes=$(wc -c < $dir/profiles.ndjson)
unset AISUBSIDY_RULES
echo "profiles: $n, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') ($dir/profiles.ndjson)"
echo "machine: $(nproc) cores, $(uname -m); $($cc --version | head -1)"

# One timed run of a command on the profiles: sets secs and kib.
timed() {
	$dir/run $dir/profiles.ndjson "$@" > $dir/measure || {
		echo "$*: failed"; exit 1; }
	read -r secs kib < $dir/measure
}

# The three are timed in turns, five rounds, and each keeps its best:
# on a shared machine a slow spell then falls on all three alike, not
# on whichever happened to run during it.
best_b=999999 best_c=999999 best_f=999999 kib_b=0 kib_c=0 kib_f=0
round=1
while [ $round -le 5 ]; do
	timed $dir/baseline
	best_b=$(awk -v a="$best_b" -v b="$secs" 'BEGIN { print (b < a) ? b : a }')
	kib_b=$(awk -v a="$kib_b" -v b="$kib" 'BEGIN { print (b > a) ? b : a }')
	timed "$bin" calc --batch --compact --as-of 2025-06-30 -
	best_c=$(awk -v a="$best_c" -v b="$secs" 'BEGIN { print (b < a) ? b : a }')
	kib_c=$(awk -v a="$kib_c" -v b="$kib" 'BEGIN { print (b > a) ? b : a }')
	timed "$bin" calc --batch --as-of 2025-06-30 -
	best_f=$(awk -v a="$best_f" -v b="$secs" 'BEGIN { print (b < a) ? b : a }')
	kib_f=$(awk -v a="$kib_f" -v b="$kib" 'BEGIN { print (b > a) ? b : a }')
	round=$((round + 1))
done

report() {	# label, seconds, KiB
	awk -v l="$1" -v s="$2" -v k="$3" -v n="$n" -v b="$bytes" \
	    -v base="$best_b" 'BEGIN {
		r = n / s
		printf "%-28s %7.3f s %10.0f profiles/s %7.1f MB/s %7.1f MB peak", \
		    l, s, r, b / s / 1e6, k / 1024
		if (l !~ /^baseline/) printf "   %.2fx baseline", base / s
		printf "\n"
	}'
}

report "baseline (cJSON parse+print)" "$best_b" "$kib_b"
report "aisubsidy --compact" "$best_c" "$kib_c"
report "aisubsidy (full)" "$best_f" "$kib_f"

# memory at 1,000,000 lines, streamed from the generator
$dir/gen 1000000 | $dir/run - "$bin" calc --batch --compact --as-of 2025-06-30 - > $dir/measure
read -r secs kib < $dir/measure
awk -v s="$secs" -v k="$kib" 'BEGIN {
	printf "1,000,000 lines, --compact:  %7.3f s, %.1f MB peak\n", s, k / 1024 }'
$dir/gen 1000000 | $dir/run - "$bin" calc --batch --as-of 2025-06-30 - > $dir/measure
read -r secs kib < $dir/measure
awk -v s="$secs" -v k="$kib" 'BEGIN {
	printf "1,000,000 lines, full:       %7.3f s, %.1f MB peak\n", s, k / 1024 }'

# one profile, process start to exit, built-in rules
best=999
total=0
i=0
while [ $i -lt 100 ]; do
	$dir/run examples/shenzhen-startup.json "$bin" calc examples/shenzhen-startup.json > $dir/measure
	read -r secs kib < $dir/measure
	total=$(awk -v t="$total" -v s="$secs" 'BEGIN { print t + s }')
	best=$(awk -v b="$best" -v s="$secs" 'BEGIN { print (s < b) ? s : b }')
	i=$((i + 1))
done
awk -v t="$total" -v b="$best" 'BEGIN {
	printf "one profile (calc examples/shenzhen-startup.json): %.2f ms mean, %.2f ms best of 100\n", t * 10, b * 1000 }'
