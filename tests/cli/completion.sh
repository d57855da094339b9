#!/bin/bash
# The shell completions of completions/: the bash one driven as bash
# drives it (COMP_WORDS, COMP_CWORD, then COMPREPLY compared), and the zsh
# one, when zsh is installed, checked for syntax and driven in a
# pseudo-terminal (zpty) with the completion system loaded.
#
# Two binaries answer: a stub (a shell script first on PATH) with the
# whole command line of issue 12 and ids of its own, so that the cases
# do not depend on the rules or on what this build has yet; and BINARY
# (through AISUBSIDY_BIN) for what it really has: its commands, their
# options, the ids of the built-in rules.
#     bash tests/cli/completion.sh BINARY
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skip=0

# --- the stub: help texts in the format of main.c, and rules ids ---
mkdir "$tmp/stub" "$tmp/files" "$tmp/files/dir"
: >"$tmp/files/a.json"
: >"$tmp/files/b.ndjson"
cat >"$tmp/stub/aisubsidy" <<'EOF'
#!/bin/sh
echo "$*" >>"$STUB_LOG"
case "$*" in
--help) cat <<'E'
usage: aisubsidy calc [--rules DIR] [--] FILE|-

commands:
  calc       evaluate profiles
  explain    explain one program
  pool       share pools out
  test       run the rule tests
  programs   list every program
  rules      the rule tools
  schema     print a JSON Schema
  help       show the usage and options of a command

'aisubsidy help COMMAND' shows the options of COMMAND.
E
;;
"help calc") cat <<'E'
usage: aisubsidy calc [--rules DIR] [--add-rules DIR]... [--] FILE|-

Evaluates the JSON profile in FILE.

  --rules DIR          use the rule files DIR/*.yaml
  --add-rules DIR      load DIR/*.yaml on top
  --as-of DATE         claim date YYYY-MM-DD
  --jurisdiction ID    evaluate as if located in ID
  --format json|text   JSON (default) or a table
  --unit yuan|wan      amounts in the table
  -q, --quiet          no warnings on standard error
  --set PATH=VALUE     change the profile for this run
  --lang zh|en         the language of reasons
  --                   the end of the options
  -h, --help           show this help
E
;;
"help explain") cat <<'E'
usage: aisubsidy explain [--rules DIR] PROGRAM FILE

  --rules DIR          use the rule files DIR/*.yaml
  --add-rules DIR      load DIR/*.yaml on top
  --lang zh|en         the language
  -h, --help           show this help
E
;;
"help test") cat <<'E'
usage: aisubsidy test [--verbose] [--] [DIR]

  -v, --verbose        list every case
  --junit FILE         write a JUnit report
  -h, --help           show this help
E
;;
"help rules") cat <<'E'
usage: aisubsidy rules list [--format text|json|ids]
       aisubsidy rules show [--format text|json] ID
       aisubsidy rules check [DIR]
       aisubsidy rules ids [programs|jurisdictions]

  --rules DIR          use the rule files DIR/*.yaml
  -h, --help           show this help
E
;;
"rules list --help") cat <<'E'
usage: aisubsidy rules list [--format text|json|ids]

  --rules DIR          use the rule files DIR/*.yaml
  --jurisdiction ID    only the programs of ID
  --format text|json|ids
                       a table (default), JSON, or one id a line
  -h, --help           show this help
E
;;
"rules show --help") cat <<'E'
usage: aisubsidy rules list [--format text|json|ids]
       aisubsidy rules show [--lang zh|en]
                      [--format text|json] ID

  --format FORMAT      list: text, json or ids; show: text or json
  --lang zh|en         the language
  -h, --help           show this help
E
;;
rules\ ids*--add-rules*programs) printf 'mine.one\nmine.two\n' ;;
"rules ids programs") printf 'sz.voucher\nsz.grant\ncd.platform\n' ;;
rules\ ids*jurisdictions) printf 'shenzhen\nchengdu\n' ;;
*) exit 2 ;;
esac
EOF
chmod +x "$tmp/stub/aisubsidy"
export STUB_LOG=$tmp/log

. completions/aisubsidy.bash

# case NAME EXPECTED WORD...: completes the last WORD of "aisubsidy
# WORD...", and compares the sorted COMPREPLY, a line each, with EXPECTED
# (words separated by spaces).
case_() {
	local name=$1 want got
	want=$(printf '%s\n' $2 | sed '/^$/d' | sort)
	shift 2
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_aisubsidy
	got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort)
	if [ "$want" = "$got" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAILED completion: $name: '$*'"
		printf '    want: %s\n    got:  %s\n' "$(echo $want)" "$(echo $got)"
	fi
}

# --- bash, against the stub ---
(
	PATH=$tmp/stub:$PATH
	unset AISUBSIDY_BIN
	cd "$tmp/files" || exit 1
	case_ "a command" "calc" aisubsidy ca
	case_ "every command" "calc explain pool test programs rules schema help" aisubsidy ""
	case_ "an option" "--lang" aisubsidy calc --la
	case_ "the options of a dash" "-q" aisubsidy calc -q
	case_ "--lang's values" "en zh" aisubsidy calc --lang ""
	case_ "--lang='s values" "en zh" aisubsidy calc --lang = ""
	case_ "--lang=e" "en" aisubsidy calc --lang = e
	case_ "calc --format's values" "json text" aisubsidy calc --format ""
	case_ "--unit's values" "wan yuan" aisubsidy calc --unit ""
	case_ "a DATE has no values" "" aisubsidy calc --as-of ""
	case_ "jurisdiction ids" "chengdu shenzhen" aisubsidy calc --jurisdiction ""
	case_ "jurisdiction ids after an option value" "shenzhen" \
	    aisubsidy calc --lang en --jurisdiction s
	case_ "--rules takes a directory" "dir" aisubsidy calc --rules ""
	case_ "calc's FILE" "a.json b.ndjson dir" aisubsidy calc ""
	case_ "FILE after --set PATH=VALUE" "a.json" aisubsidy calc --set x.y = 1 a
	case_ "inside --set's VALUE" "" aisubsidy calc --set x.y = ""
	case_ "nothing after FILE" "" aisubsidy calc a.json ""
	case_ "program ids" "sz.voucher sz.grant cd.platform" aisubsidy explain ""
	case_ "program ids by prefix" "sz.voucher sz.grant" aisubsidy explain sz
	case_ "explain's FILE after PROGRAM" "a.json" aisubsidy explain sz.grant a
	case_ "program ids with the rules of the line" "mine.one mine.two" \
	    aisubsidy explain --rules /r --add-rules = /a ""
	grep -q -- '^rules ids --rules /r --add-rules /a programs$' "$STUB_LOG" ||
	    { fail=$((fail + 1)); echo "FAILED completion: rules ids not run with the line's --rules and --add-rules:"; sed 's/^/    /' "$STUB_LOG"; }
	case_ "rules subcommands" "list show check ids" aisubsidy rules ""
	case_ "rules list --format's values" "text json ids" aisubsidy rules list --format ""
	case_ "rules subcommands after --rules DIR" "list" aisubsidy rules --rules dir l
	case_ "rules list after rules --rules DIR" "ids json text" aisubsidy rules --rules dir list --format ""
	: >"$STUB_LOG"
	case_ "rules show ids with the rules before show" "mine.one mine.two shenzhen chengdu" \
	    aisubsidy rules --add-rules /a show ""
	case_ "rules list's options" "--rules --jurisdiction --format --help" aisubsidy rules list --
	case_ "rules list --jurisdiction" "chengdu shenzhen" aisubsidy rules list --jurisdiction ""
	case_ "rules show ids" "sz.voucher sz.grant cd.platform shenzhen chengdu" aisubsidy rules show ""
	case_ "rules show --format's values, from its usage" "json text" aisubsidy rules show --format ""
	case_ "rules ids kinds" "programs jurisdictions" aisubsidy rules ids ""
	case_ "rules check's DIR" "dir" aisubsidy rules check ""
	case_ "test's DIR" "dir" aisubsidy test ""
	case_ "test -v" "-v" aisubsidy test -v
	case_ "test --junit's FILE" "a.json" aisubsidy test --junit a
	case_ "help's COMMAND" "pool programs" aisubsidy help p
	case_ "the options before a command" "--help --version" aisubsidy --
	echo "$pass $fail" >"$tmp/counts"
)
read -r pass fail <"$tmp/counts"

# --- bash, against BINARY: what it has ---
export AISUBSIDY_BIN=$bin
case_ "the binary's commands" "calc" aisubsidy ca
case_ "the binary's calc --lang" "--lang" aisubsidy calc --la
case_ "the binary's --lang values" "en zh" aisubsidy calc --lang ""
case_ "the binary's test --verbose" "--verbose" aisubsidy test --verb
case_ "the binary's schema operands" "profile result" aisubsidy schema ""
case_ "the binary's program ids" "shenzhen.training_voucher" aisubsidy explain shenzhen.tr
case_ "the binary's jurisdiction ids" "chengdu" aisubsidy calc --jurisdiction chen
# every command of --help, and every option of its help
for c in $("$bin" --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }'); do
	want=$("$bin" help "$c" | awk '/^  -/ { s = substr($0, 3); sub(/  .*/, "", s);
	    n = split(s, p, ", "); for (k = 1; k <= n; k++) { sub(/ .*/, "", p[k]);
	    if (p[k] != "--") print p[k] } }')
	# before a subcommand of rules, only what every one takes
	[ "$c" = rules ] && want=$(echo "$want" | grep -x -e --rules -e --add-rules -e -h -e --help)
	case_ "the options of $c" "$want" aisubsidy "$c" -
done
for c in list show check ids; do
	"$bin" rules $c --help >/dev/null 2>&1 || continue
	want=$("$bin" rules $c --help | awk '/^  -/ { s = substr($0, 3); sub(/  .*/, "", s);
	    n = split(s, p, ", "); for (k = 1; k <= n; k++) { sub(/ .*/, "", p[k]);
	    if (p[k] != "--") print p[k] } }')
	case_ "the options of rules $c" "$want" aisubsidy rules $c -
done
# the values an option's help line gives (--format json|text ...), when
# this binary has the option
for c in calc rules; do
	for o in --format --unit; do
		sub=""
		[ $c = rules ] && sub=list
		[ $c = rules ] && [ $o = --unit ] && continue	# rules has none
		# "[--format json|text]" in the usage of "aisubsidy $c $sub"
		v=$(if [ -n "$sub" ]; then "$bin" $c $sub --help; else "$bin" help $c; fi 2>/dev/null |
		    sed -n '1,/^$/p' | tr -s '\n ' '  ' | sed 's/aisubsidy /\
/g' | grep "^$c ${sub:+$sub }" | grep -o -- "\[$o [a-z|]*\]" | head -1 |
		    sed "s/^\[$o //; s/\]\$//" | tr '|' ' ')
		if [ -z "$v" ]; then
			# every value list the binary's usage must give
			fail=$((fail + 1))
			echo "FAILED completion: no '[$o ...]' in the usage of $c $sub"
			continue
		fi
		case_ "the binary's $c $sub $o" "$v" aisubsidy $c $sub $o ""
	done
done
unset AISUBSIDY_BIN

# --- zsh ---
if command -v zsh >/dev/null 2>&1; then
	if zsh -n completions/_aisubsidy; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAILED completion: zsh -n completions/_aisubsidy"
	fi
	if [ -f tests/cli/completion.zsh ]; then
		if PATH=$tmp/stub:$PATH zsh -f tests/cli/completion.zsh "$top/completions" "$tmp/files" >"$tmp/zsh.out" 2>&1; then
			pass=$((pass + $(grep -c '^ok ' "$tmp/zsh.out")))
		else
			fail=$((fail + 1))
			echo "FAILED completion: zsh:"
			grep -v '^ok ' "$tmp/zsh.out" | sed 's/^/    /'
		fi
		if AISUBSIDY_BIN=$bin zsh -f tests/cli/completion.zsh "$top/completions" "$tmp/files" real >"$tmp/zsh.out" 2>&1; then
			pass=$((pass + $(grep -c '^ok ' "$tmp/zsh.out")))
		else
			fail=$((fail + 1))
			echo "FAILED completion: zsh, against $bin:"
			grep -v '^ok ' "$tmp/zsh.out" | sed 's/^/    /'
		fi
	fi
else
	skip=$((skip + 1))
	echo "completion: zsh is not installed, its completion is not tested"
fi

[ $skip -gt 0 ] && skipped=", $skip skipped (the binary has no such option)" || skipped=""
echo "completion: $pass passed, $fail failed$skipped"
[ $fail = 0 ]
