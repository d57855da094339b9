#!/bin/sh
# Every example of the man page runs.  Each .Dl line of aisubsidy.1's
# EXAMPLES section is a command: its mdoc escapes undone (\(dq \(aq \e \&
# \-), it is run, in order, by bash -o pipefail (a pipeline fails when any
# of its commands does) in one scratch directory that links to every entry
# of the top of the tree (so examples/ and rules/ are there, and what an
# example writes is not left in the tree), with BINARY first on PATH as
# "aisubsidy" and the environment cleared of AISUBSIDY_*.  It must exit 0,
# or N when the line just before it is the comment '.\" exit N'.  A
# failure names the example, its status and its standard error.
#     sh tests/cli/manexamples.sh BINARY [MANPAGE]
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
man=${2:-aisubsidy.1}
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin" "$tmp/run"
ln -s "$bin" "$tmp/bin/aisubsidy"
for f in "$top"/*; do
	ln -s "$f" "$tmp/run/$(basename "$f")"
done
unset AISUBSIDY_RULES AISUBSIDY_ADD_RULES
# "STATUS<TAB>COMMAND", a line per example, in order
awk '
	/^\.Sh / { on = ($0 == ".Sh EXAMPLES"); next }
	!on { next }
	/^\.\\" exit [0-9]+$/ { want = $3; next }
	/^\.Dl / {
		s = substr($0, 5)
		gsub(/\\\(dq/, "\"", s)
		gsub(/\\\(aq/, "\047", s)
		gsub(/\\&/, "", s)
		gsub(/\\-/, "-", s)
		gsub(/\\e/, "\\", s)
		print (want == "" ? 0 : want) "\t" s
		want = ""
		next
	}
	{ want = "" }
' "$man" >"$tmp/examples"
if [ ! -s "$tmp/examples" ]; then
	echo "FAILED manexamples: no .Dl example in the EXAMPLES of $man"
	exit 1
fi
pass=0
fail=0
while IFS='	' read -r want cmd; do
	(cd "$tmp/run" && PATH=$tmp/bin:$PATH bash -o pipefail -c "$cmd") \
	    >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAILED manexamples: exit $got, not $want: $cmd"
		head -5 "$tmp/err" | sed 's/^/    /'
	fi
done <"$tmp/examples"
echo "manexamples: $pass passed, $fail failed"
[ $fail = 0 ]
