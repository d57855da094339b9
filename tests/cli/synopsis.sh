#!/bin/sh
# The man page's SYNOPSIS and `aisubsidy --help` must name the same options
# and commands: compares the two sets.
bin=$1
# (a command is the word after "aisubsidy" in --help, and the .Cm right
# after a .Nm in the man page: other .Cm words are keywords of operands)
help=$("$bin" --help | sed -n '/^usage:/,/^$/p' |
	{ grep -o -- '--[a-z-]*'; "$bin" --help | sed -n '/^usage:/,/^$/p' |
	grep -o 'aisubsidy [a-z]*' | sed 's/^aisubsidy //' | grep -v '^help$\|^$'; } |
	sort -u)
man=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' aisubsidy.1 |
	awk '/^\.Nm$/ { nm = 1; next } nm && /^\.Cm / { print; nm = 0; next }
	    { nm = 0; sub(/^\.Cm /, "keyword "); print }' |
	grep -o 'Fl -[a-z-]*\|-version\|^\.Cm [a-z]*' |
	sed 's/^Fl -/--/; s/^-version/--version/; s/^\.Cm //' | grep -v '^help$' |
	sort -u)
if [ "$help" != "$man" ]; then
	echo "FAILED synopsis: --help and aisubsidy.1 differ:"
	printf 'help:\n%s\nman:\n%s\n' "$help" "$man"
	exit 1
fi
echo "synopsis: 1 passed, 0 failed"
