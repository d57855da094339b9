#!/bin/sh
# A generated population checked against invariants (tests/pop/README.md).
#     sh tests/pop/run.sh BUILD N EVERY [WRAP]
# BUILD holds aisubsidy, pop/gen and pop/check (make pop builds them).  N
# profiles are generated (seed POP_SEED, default 20251201) and evaluated,
# all with --as-of 2025-06-30 (the claim date of profiles without one), by
#   calc --batch                  full, --compact, --eligible-only, --pretty
#   calc --batch --compact --summary-file FILE
#   calc --batch --eligible-only --jurisdiction shenzhen --jurisdiction chengdu
#                                 (and every other city of rules/*.yaml)
#   calc --batch --lang en        full and --compact (the same but for texts)
#   calc --compact FILE           (no --batch), and --batch - from a pipe
#   pool --allocations FILE
#   calc --batch -j1, -j2, -j3 on the first POP_JOBS_N profiles (2000) in
#                                 full, --compact, --summary, --format text:
#                                 byte-identical outputs and messages
# Every calc has -q: the warnings are in the results (the checker reads
# them there, and standard error must stay empty); that they also reach
# standard error is tests/cli's (warn-*, strict-*).
# One profile in EVERY (lines 1, 1+EVERY, ...) is also run alone, four
# times (full, --pretty, --compact, --eligible-only), two processes at a
# time, from a file that holds it as it is, indented, with CRLF or after a
# byte-order mark.  WRAP runs before each aisubsidy (valgrind, as
# TEST_WRAP).  Then pop/check tests the invariants and prints
#     pop: N profiles, K invariants: P passed, F failed
# POP_TIMEOUT=SECONDS bounds each run (600). POP_BIN=PATH tests another binary; POP_KEEP=1 keeps the files of a
# passing run (in BUILD/pop/run; a failing run always keeps them).  A batch
# run that does not exit 0 is run again from a pipe past each line it dies
# on, to name every such profile (at most POP_LOCATE_MAX restarts, 200 by
# default; the lines after the last are reported as not evaluated).
build=$1
n=$2
every=$3
wrap=$4
if [ -z "$build" ] || [ -z "$n" ] || [ -z "$every" ]; then
	echo "usage: sh tests/pop/run.sh BUILD N EVERY [WRAP]" >&2
	exit 2
fi
seed=${POP_SEED:-20251201}
as_of=2025-06-30
bin=${POP_BIN:-$build/aisubsidy}
locate_max=${POP_LOCATE_MAX:-200}
# every run of aisubsidy is stopped after POP_TIMEOUT seconds (600): a
# hang is a failure with exit status 124, not a CI that never ends
wrap="timeout ${POP_TIMEOUT:-600} $wrap"
dir=$build/pop/run
unset AISUBSIDY_RULES

# --jurisdiction: shenzhen and chengdu, then every other city and
# municipality of rules/*.yaml, so that every profile's own place is among
# them (evaluated as if in all of them, it keeps its own items)
jur=$(awk '
	FNR == 1 { inj = 0; id = "" }
	/^jurisdiction:/ { inj = 1; next }
	inj && /^[^ #]/ { inj = 0 }
	inj && $1 == "id:" { id = $2 }
	inj && $1 == "level:" && ($2 == "city" || $2 == "municipality") &&
	    id != "" && id != "shenzhen" && id != "chengdu" { print id; id = "" }
' rules/*.yaml | sort -u | sed 's/^/--jurisdiction /' | tr '\n' ' ')
jur="--jurisdiction shenzhen --jurisdiction chengdu $jur"

rm -rf "$dir"
mkdir -p "$dir/single" || exit 1
t0=$(date +%s)
"$build/pop/gen" -a "$as_of" "$seed" "$n" rules/*.yaml \
    >"$dir/profiles.ndjson" || {
	echo "pop: the generator failed"
	exit 1
}
t1=$(date +%s)

# The first line of what a run wrote to standard error that says why.
why() {
	w=$(grep -E 'ERROR|aisubsidy:|runtime error|Assertion|Sanitizer' "$1" |
	    head -1)
	[ -n "$w" ] || w=$(head -1 "$1")
	echo "$w"
}

# Runs calc --batch OPTIONS... on the population into $dir/NAME.ndjson and
# records "NAME STATUS STDERR_BYTES" in $dir/NAME.status.  When the run
# fails, the population goes again through a pipe (so that every finished
# line is written before a crash), restarting after each line it dies on:
# that line gets a placeholder, and "crash NAME LINE STATUS MESSAGE" is
# recorded, so that the checker names every profile that fails.
batch() {
	name=$1
	shift
	out=$dir/$name.ndjson
	st=$dir/$name.status
	$wrap "$bin" calc -q --batch --as-of "$as_of" "$@" \
	    "$dir/profiles.ndjson" >"$out" 2>"$dir/$name.err"
	rc=$?
	echo "$name $rc $(wc -c <"$dir/$name.err")" >"$st"
	[ "$rc" = 0 ] && return 0
	: >"$out"
	start=1
	restarts=0
	while [ "$start" -le "$n" ]; do
		tail -n +"$start" "$dir/profiles.ndjson" |
		    $wrap "$bin" calc -q --batch --as-of "$as_of" "$@" - \
		    >"$dir/$name.part" 2>"$dir/$name.part.err"
		rc=$?
		got=$(wc -l <"$dir/$name.part")
		head -n "$got" "$dir/$name.part" >>"$out"
		[ "$rc" = 0 ] && break
		bad=$((start + got))
		[ "$bad" -gt "$n" ] && break	# rejected lines, none lost
		echo "crash $name $bad $rc $(why "$dir/$name.part.err" |
		    cut -c1-150)" >>"$st"
		echo '{"pop_crashed":1}' >>"$out"
		start=$((bad + 1))
		restarts=$((restarts + 1))
		if [ "$restarts" -ge "$locate_max" ] && [ "$start" -le "$n" ]
		then
			echo "unlocated $name $start" >>"$st"
			break
		fi
	done
	rm -f "$dir/$name.part" "$dir/$name.part.err"
}

batch full &
batch compact --compact &
wait
batch eligible --eligible-only &
batch pretty --pretty &
wait
batch full-en --lang en &
batch compact-en --compact --lang en &
wait
batch summary --compact --summary-file "$dir/summary.json" &
# shellcheck disable=SC2086 # $jur is options, one word each
batch jur --eligible-only $jur &
$wrap "$bin" pool --as-of "$as_of" --allocations "$dir/allocations.ndjson" \
    "$dir/profiles.ndjson" >"$dir/pool.json" 2>"$dir/pool.err"
echo "pool $? $(wc -c <"$dir/pool.err")" >"$dir/pool.status"
# --compact again: the file without --batch (read as lines all the same),
# and standard input from a pipe (streamed, flushed line by line)
$wrap "$bin" calc -q --compact --as-of "$as_of" "$dir/profiles.ndjson" \
    >"$dir/auto.ndjson" 2>"$dir/auto.err"
echo "auto $? $(wc -c <"$dir/auto.err")" >"$dir/auto.status"
# shellcheck disable=SC2002 # a pipe, not a file, is the point
cat "$dir/profiles.ndjson" | $wrap "$bin" calc -q --compact --batch \
    --as-of "$as_of" - >"$dir/stdin.ndjson" 2>"$dir/stdin.err"
echo "stdin $? $(wc -c <"$dir/stdin.err")" >"$dir/stdin.status"
wait
cat "$dir/full.status" "$dir/compact.status" "$dir/eligible.status" \
    "$dir/pretty.status" "$dir/summary.status" "$dir/jur.status" \
    "$dir/pool.status" "$dir/auto.status" "$dir/stdin.status" \
    "$dir/full-en.status" "$dir/compact-en.status" >"$dir/status"

# --jobs: the same bytes with one, two and three threads (issue 13), on
# the first POP_JOBS_N profiles (enough for many chunks of lines)
jn=${POP_JOBS_N:-2000}
head -n "$jn" "$dir/profiles.ndjson" >"$dir/jobs.ndjson"
jobs_bad=""
for mode in full compact summary text; do
	case $mode in
	full) opts="" ;;
	compact) opts="--compact" ;;
	summary) opts="--compact --summary" ;;
	text) opts="--format text --lang en" ;;
	esac
	for j in 1 2 3; do
		# shellcheck disable=SC2086 # $opts is options, one word each
		$wrap "$bin" calc --batch --as-of "$as_of" $opts -j "$j" \
		    "$dir/jobs.ndjson" >"$dir/jobs-$mode-$j.out" \
		    2>"$dir/jobs-$mode-$j.err"
		echo "$?" >"$dir/jobs-$mode-$j.rc"
	done
	for j in 2 3; do
		for f in out err rc; do
			cmp -s "$dir/jobs-$mode-1.$f" "$dir/jobs-$mode-$j.$f" ||
			    jobs_bad="$jobs_bad $mode-j$j.$f"
		done
	done
done
t2=$(date +%s)

# The sample, one profile a file (as it is, indented, indented with CRLF,
# after a byte-order mark, in turn), each run alone four times.
"$build/pop/gen" -s "$every" -o "$dir/single" <"$dir/profiles.ndjson" ||
    exit 1
singles=$(ls "$dir/single" | wc -l)
ls "$dir/single" | sed "s|^|$dir/single/|" |
    xargs -P2 -n 40 sh -c '
	bin=$1 as_of=$2 wrap=$3
	shift 3
	for f; do
		b=${f%.json}
		$wrap "$bin" calc -q --as-of "$as_of" "$f" >"$b.full" 2>"$b.err"
		r1=$?
		$wrap "$bin" calc -q --as-of "$as_of" --pretty "$f" \
		    >"$b.pretty" 2>>"$b.err"
		r2=$?
		$wrap "$bin" calc -q --as-of "$as_of" --compact "$f" \
		    >"$b.compact" 2>>"$b.err"
		r3=$?
		$wrap "$bin" calc -q --as-of "$as_of" --eligible-only "$f" \
		    >"$b.eligible" 2>>"$b.err"
		r4=$?
		echo "full=$r1 pretty=$r2 compact=$r3 eligible=$r4" >"$b.rc"
	done' sh "$bin" "$as_of" "$wrap" 2>"$dir/single.log"
t3=$(date +%s)

"$build/pop/check" -a "$as_of" -s "$every" "$dir" >"$dir/check.out"
rc=$?
t4=$(date +%s)
sed '$d' "$dir/check.out"
echo "pop: seed $seed; generate $((t1 - t0)) s, batch runs $((t2 - t1)) s," \
    "$singles profiles alone $((t3 - t2)) s, check $((t4 - t3)) s"
tail -1 "$dir/check.out"
if [ -n "$jobs_bad" ]; then
	echo "FAILED pop jobs: -j2/-j3 differ from -j1 on $jn profiles:$jobs_bad"
	rc=1
else
	echo "pop jobs: -j1, -j2, -j3 the same bytes on $jn profiles in 4 modes"
fi
if [ "$rc" != 0 ]; then
	echo "pop: the files are in $dir; one profile again:" \
	    "$build/pop/gen -f NUMBER $seed 1 rules/*.yaml" \
	    "| $bin calc --as-of $as_of -"
	exit 1
fi
[ -n "$POP_KEEP" ] || rm -rf "$dir"
exit 0
