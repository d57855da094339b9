#!/bin/sh
# make bench: throughput of aisubsidy against a cJSON baseline on the same
# generated profiles, in one run (each the best of three), and its peak
# memory and start-up time.
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

measure() {	# label, command...: the best of three runs
	label=$1
	shift
	secs=999999
	kib=0
	for try in 1 2 3; do
		$dir/run $dir/profiles.ndjson "$@" > $dir/measure || {
			echo "$label: failed"; exit 1; }
		read -r s k < $dir/measure
		secs=$(awk -v a="$secs" -v b="$s" 'BEGIN { print (b < a) ? b : a }')
		kib=$(awk -v a="$kib" -v b="$k" 'BEGIN { print (b > a) ? b : a }')
	done
	awk -v l="$label" -v s="$secs" -v k="$kib" -v n="$n" -v b="$bytes" \
	    -v base="${base:-0}" 'BEGIN {
		r = n / s
		printf "%-28s %7.3f s %10.0f profiles/s %7.1f MB/s %7.1f MB peak", \
		    l, s, r, b / s / 1e6, k / 1024
		if (base > 0) printf "   %.2fx baseline", r / base
		printf "\n"
	}'
	rate=$(awk -v s="$secs" -v n="$n" 'BEGIN { print n / s }')
}

measure "baseline (cJSON parse+print)" $dir/baseline
base=$rate
measure "aisubsidy --compact" "$bin" calc --batch --compact --as-of 2025-06-30 -
measure "aisubsidy (full)" "$bin" calc --batch --as-of 2025-06-30 -

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
