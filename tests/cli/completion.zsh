# The zsh completion driven as a person at a terminal drives it: an
# interactive zsh in a pseudo-terminal (zpty) with compinit and
# completions/ in $fpath is sent "aisubsidy WORDS<TAB>", and every match
# the completion system is given (compadd, wrapped) is written to a file
# and compared with what is expected.  Run by tests/cli/completion.sh,
# with the stub aisubsidy first on PATH.
#     zsh -f tests/cli/completion.zsh COMPLETIONS_DIR FILES_DIR [real]
# With "real", a few cases against the binary of $AISUBSIDY_BIN instead.
zmodload zsh/zpty || exit 1
dir=$1
files=$2
tmp=$(mktemp -d)
trap 'zpty -d z 2>/dev/null; rm -rf $tmp' EXIT
out=$tmp/matches
cat >$tmp/init.zsh <<EOF
PS1='> '
unsetopt beep
bindkey -e
fpath=($dir \$fpath)
autoload -Uz compinit
compinit -u -d $tmp/zcompdump
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
# every match given to the completion system, a line each, then a marker
compadd() {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a hits
  builtin compadd -A hits "\$@"
  (( \$#hits )) && print -rl -- \$hits >>$out
  builtin compadd "\$@"
}
done-marker() { print -r -- '-- done --' >>$out; comppostfuncs=(done-marker) }
comppostfuncs=(done-marker)
cd $files
print ready
EOF
zpty z zsh -f -i
zpty -w z "source $tmp/init.zsh"
# waits for "ready"
for i in {1..100}; do
  zpty -rt z line 2>/dev/null && [[ $line == *ready* && $line != *print* ]] && break
  sleep 0.05
done
fail=0
pass=0

# case NAME EXPECTED LINE: types LINE and a tab, and compares the sorted
# matches with EXPECTED (words separated by spaces)
case_() {
  local name=$1 want=$2 got i
  : >$out
  zpty -w -n z "$3"$'\t'
  for i in {1..200}; do
    while zpty -rt z line 2>/dev/null; do :; done
    [[ -s $out ]] && grep -q -- '^-- done --$' $out && break
    sleep 0.05
  done
  # the line killed for the next case
  zpty -w -n z $'\C-e\C-u'
  got=${(j: :)${(o)${(f)"$(grep -v -- '^-- done --$' $out)"}}}
  want=${(j: :)${(o)${=want}}}
  if [[ $got == $want ]]; then
    print -r -- "ok $name"
  else
    print -r -- "FAILED $name: '$3'"
    print -r -- "    want: $want"
    print -r -- "    got:  $got"
    fail=1
  fi
}

if [[ $3 == real ]]; then
  # the binary of $AISUBSIDY_BIN: what it has
  case_ "the binary's commands" "calc" "aisubsidy ca"
  case_ "the binary's calc --lang" "--lang" "aisubsidy calc --la"
  case_ "the binary's schema operands" "profile result" "aisubsidy schema "
  case_ "the binary's program ids" "shenzhen.training_voucher" "aisubsidy explain shenzhen.tr"
  case_ "the binary's jurisdiction ids" "chengdu" "aisubsidy calc --jurisdiction chen"
  if $AISUBSIDY_BIN rules list --help 2>/dev/null | grep -q -- '--format text|json|ids'; then
    case_ "the binary's rules list --format" "text json ids" "aisubsidy rules list --format "
    case_ "the binary's rules show --format" "text json" "aisubsidy rules show --format "
  fi
  # every option of every command's help
  for c in ${(f)"$($AISUBSIDY_BIN --help | awk '/^commands:/ { on = 1; next }
      on && /^$/ { exit } on { print $1 }')"}; do
    want=$($AISUBSIDY_BIN help $c | awk '/^  -/ {
        s = substr($0, 3); sub(/  .*/, "", s); n = split(s, p, ", ")
        for (k = 1; k <= n; k++) { sub(/ .*/, "", p[k]); if (p[k] != "--") print p[k] } }')
    # before a subcommand of rules, only what every one takes
    [[ $c == rules ]] && want=$(print -r -- $want | tr ' ' '\n' |
        grep -x -e --rules -e --add-rules -e -h -e --help)
    case_ "the options of $c" "$want" "aisubsidy $c -"
  done
  for c in list show check ids; do
    $AISUBSIDY_BIN rules $c --help >/dev/null 2>&1 || continue
    case_ "the options of rules $c" "$($AISUBSIDY_BIN rules $c --help | awk '/^  -/ {
        s = substr($0, 3); sub(/  .*/, "", s); n = split(s, p, ", ")
        for (k = 1; k <= n; k++) { sub(/ .*/, "", p[k]); if (p[k] != "--") print p[k] } }')" \
        "aisubsidy rules $c -"
  done
  exit $fail
fi
case_ "a command" "calc" "aisubsidy ca"
case_ "every command" "calc explain pool test programs rules schema help" "aisubsidy "
case_ "an option" "--lang" "aisubsidy calc --la"
case_ "--lang's values" "en zh" "aisubsidy calc --lang "
case_ "--lang='s values" "en zh" "aisubsidy calc --lang="
case_ "calc --format's values" "json text" "aisubsidy calc --format "
case_ "jurisdiction ids" "chengdu shenzhen" "aisubsidy calc --jurisdiction "
case_ "calc's FILE" "a.json b.ndjson dir" "aisubsidy calc "
case_ "program ids" "sz.voucher sz.grant cd.platform" "aisubsidy explain "
case_ "explain's FILE after PROGRAM" "a.json" "aisubsidy explain sz.grant a"
case_ "program ids with the rules of the line" "mine.one mine.two" \
    "aisubsidy explain --rules /r --add-rules=/a "
case_ "rules subcommands" "list show check ids" "aisubsidy rules "
case_ "rules list --format's values" "text json ids" "aisubsidy rules list --format "
case_ "rules show --format's values, from its usage" "json text" "aisubsidy rules show --format "
case_ "rules show ids" "sz.voucher sz.grant cd.platform shenzhen chengdu" "aisubsidy rules show "
case_ "rules ids kinds" "programs jurisdictions" "aisubsidy rules ids "
case_ "test's options" "--help --junit --verbose" "aisubsidy test --"
exit $fail
