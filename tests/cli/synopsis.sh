#!/bin/sh
# The man page's SYNOPSIS and `aisubsidy --help` must name the same options
# and commands: compares the two sets.
bin=$1
help=$("$bin" --help | sed -n '/^usage:/,/^$/p' | grep -o -- '--[a-z-]*\|calc\|test\|programs\|pool' | sort -u)
man=$(sed -n '/^\.Sh SYNOPSIS/,/^\.Sh DESCRIPTION/p' aisubsidy.1 |
	grep -o 'Fl -[a-z-]*\|-version\|^\.Cm [a-z]*' |
	sed 's/^Fl -/--/; s/^-version/--version/; s/^\.Cm //' | sort -u)
if [ "$help" != "$man" ]; then
	echo "FAILED synopsis: --help and aisubsidy.1 differ:"
	printf 'help:\n%s\nman:\n%s\n' "$help" "$man"
	exit 1
fi
echo "synopsis: 1 passed, 0 failed"
