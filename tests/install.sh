#!/bin/sh
# make install into a scratch DESTDIR, then use what it installed as an
# installed user would: the binary, the man page, the rules copied and
# loaded with --rules and --add-rules, their tests run, the schema read.
#     sh tests/install.sh
set -e
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make -s install DESTDIR="$tmp" PREFIX=/usr/local >/dev/null
root=$tmp/usr/local
bin=$root/bin/aisubsidy
share=$root/share/aisubsidy
fail=0
check() {
	if ! eval "$2" >"$tmp/out" 2>&1; then
		echo "FAILED install: $1"
		sed 's/^/    /' "$tmp/out" | head -10
		fail=$((fail + 1))
	fi
}
check "the binary and the man page" "test -x $bin && test -f $root/share/man/man1/aisubsidy.1"
check "the rules, their contract and their tests" \
	"test -f $share/rules/profile.yaml && test -f $share/rules/shenzhen.yaml && test -f $share/rules/tests/shenzhen.yaml"
check "the bash and zsh completions" \
	"test -f $root/share/bash-completion/completions/aisubsidy && test -f $root/share/zsh/site-functions/_aisubsidy"
# the installed bash completion, loaded as bash-completion loads it,
# completes with the installed binary
check "the installed bash completion completes a command" \
	"bash -c '. $root/share/bash-completion/completions/aisubsidy; COMP_WORDS=($bin ca); COMP_CWORD=1; _aisubsidy; test \"\${COMPREPLY[*]}\" = calc'"
check "the docs" "test -f $root/share/doc/aisubsidy/profile.md && test -f $root/share/doc/aisubsidy/README.md"
check "the result's schema is the one the binary prints" \
	"$bin schema result | cmp - $share/schema/result.schema.json"
# the installed rules are the built-in ones: same results, same digest
$bin calc --compact examples/shenzhen-startup.json > "$tmp/builtin"
check "calc with the installed rules as --rules" \
	"$bin calc --compact --rules $share/rules examples/shenzhen-startup.json | cmp - $tmp/builtin"
check "the rule tests of the installed rules" "$bin test $share/rules"
# a copied file, changed and added on top
mkdir "$tmp/mine"
sed 's/rate: if(kind == "enterprise" and startup, 60%, 50%)/rate: 40%/' \
	"$share/rules/shenzhen.yaml" > "$tmp/mine/shenzhen.yaml"
check "a copied rule file, changed, loaded with --add-rules" \
	"$bin calc --compact --add-rules $tmp/mine examples/shenzhen-startup.json | grep -q '\"shenzhen.training_voucher\":1600000'"
# make uninstall takes away everything install put there
make -s uninstall DESTDIR="$tmp" PREFIX=/usr/local >/dev/null
check "make uninstall removes the binary, the man page and the completions" \
	"test ! -e $bin && test ! -e $root/share/man/man1/aisubsidy.1 && test ! -e $root/share/bash-completion/completions/aisubsidy && test ! -e $root/share/zsh/site-functions/_aisubsidy"
if [ $fail = 0 ]; then echo "install: 10 passed, 0 failed"; else echo "install: $fail failed"; exit 1; fi
