# bash completion for aisubsidy(1)
#
# Install as $(PREFIX)/share/bash-completion/completions/aisubsidy (make
# install does), or source this file from ~/.bashrc.
#
# Nothing here is a copy of the command line: the commands come from
# `aisubsidy --help`, each command's options and the kind of their values
# from the option lines of `aisubsidy help COMMAND` ("  --rules DIR   ...",
# "  -q, --quiet   ..."), and the program and jurisdiction ids from
# `aisubsidy rules ids programs|jurisdictions`, run with the --rules and
# --add-rules already on the line.  So completion always matches the
# binary it completes for: the one named on the line (./aisubsidy,
# build/aisubsidy), or $AISUBSIDY_BIN when that is set.
#
# It needs bash 4 and none of the bash-completion package's helpers.

# The binary to ask: $AISUBSIDY_BIN, else the command word of the line
# when it can be run, else aisubsidy from PATH.
_aisubsidy_bin()
{
	local b=${AISUBSIDY_BIN:-${COMP_WORDS[0]}}

	b=${b/#\~/$HOME}
	if [[ -z $b ]] || ! type -P -- "$b" >/dev/null 2>&1; then
		b=aisubsidy
	fi
	printf '%s\n' "$b"
}

# The commands, one a line: the first word of the lines under
# "commands:" in --help.
_aisubsidy_commands()
{
	"$1" --help 2>/dev/null | awk '
		/^commands:/ { on = 1; next }
		on && /^$/ { exit }
		on && /^  [a-z]/ { print $1 }'
}

# The options of a command, one a line as "NAME PLACEHOLDER" (the
# placeholder is empty for a flag): read from the option lines of its
# help, the lines that begin with two spaces and a dash.  "-v, --verbose"
# gives two names; "--" alone is left out.  A placeholder that does not
# list the values (--format FORMAT) is replaced by the one of the
# command's usage line when that does ([--format text|json]).  $2... is
# the command and, for rules, its subcommand.
_aisubsidy_options()
{
	local bin=$1 out seg="$2${3:+ $3}"
	shift
	if [[ $# -gt 1 ]]; then
		# rules SUB --help, or the help of rules when SUB has none
		out=$("$bin" "$@" --help 2>/dev/null) ||
		    out=$("$bin" help "$1" 2>/dev/null)
	else
		out=$("$bin" help "$1" 2>/dev/null)
	fi
	printf '%s\n' "$out" | awk -v seg="$seg" '
		# the usage of this command: from "aisubsidy SEG " to the next
		# "aisubsidy ", its lines joined
		!done && /^$/ { done = 1 }
		!done { usage = usage " " $0 }
		function values(name, ph,   n, k, part, u, m) {
			if (index(ph, "|") > 0)
				return ph
			n = split(usage, part, "aisubsidy ")
			for (k = 1; k <= n; k++)
				if (index(part[k], seg " ") == 1)
					u = u " " part[k]
			if (match(u, "\\[" name " [a-z|]+\\]") &&
			    index(m = substr(u, RSTART + length(name) + 2,
			    RLENGTH - length(name) - 3), "|") > 0)
				return m
			return ph
		}
		/^  -/ {
			s = substr($0, 3)
			i = index(s, "  ")
			if (i > 0)
				s = substr(s, 1, i - 1)
			n = split(s, part, ", ")
			last = part[n]
			ph = ""
			if (index(last, " ") > 0)
				ph = substr(last, index(last, " ") + 1)
			for (k = 1; k <= n; k++) {
				name = part[k]
				p = ph
				if (index(name, " ") > 0) {
					p = substr(name, index(name, " ") + 1)
					name = substr(name, 1, index(name, " ") - 1)
				}
				if (name != "--")
					print name " " (p == "" ? "" : values(name, p))
			}
		}'
}

# The ids of kind $2 (programs or jurisdictions), with the rule options
# of the line ($3...).  A binary without "rules ids" is read from its
# catalogue (aisubsidy programs), whose headings carry the ids.
_aisubsidy_ids()
{
	local bin=$1 kind=$2 out
	shift 2
	if out=$("$bin" rules ids "$@" "$kind" 2>/dev/null); then
		printf '%s\n' "$out"
		return
	fi
	if [[ $kind == programs ]]; then
		"$bin" programs "$@" 2>/dev/null |
		    sed -n 's/^### `\([^`]*\)`.*/\1/p'
	else
		"$bin" programs "$@" 2>/dev/null |
		    sed -n 's/^## [^（]*（\([A-Za-z0-9_.-]*\)，.*/\1/p'
	fi
}

# COMPREPLY from the words $1 (one a line) that begin with $2.
_aisubsidy_words()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -W "$1" -- "$2"))
}

# The values of the option named $1 whose placeholder is $2, for the
# word $3; $4 is the command.  A placeholder "a|b|c" lists them; DIR,
# FILE and ID say what they are.
_aisubsidy_value()
{
	local opt=$1 ph=$2 cur=$3 cmd=$4 IFS=$'\n'

	case $ph in
	*'|'*)
		_aisubsidy_words "${ph//|/$'\n'}" "$cur"
		return ;;
	esac
	case $opt in
	--lang)
		_aisubsidy_words $'zh\nen' "$cur" ;;
	--unit)
		_aisubsidy_words $'yuan\nwan' "$cur" ;;
	--format)
		case $cmd in
		calc) _aisubsidy_words $'json\ntext' "$cur" ;;
		rules) _aisubsidy_words $'text\njson\nids' "$cur" ;;
		schema) _aisubsidy_words $'json\nmarkdown' "$cur" ;;
		esac ;;
	--jurisdiction)
		_aisubsidy_words "$(_aisubsidy_ids "$_aisubsidy_b" \
		    jurisdictions "${_aisubsidy_rule_args[@]}")" "$cur" ;;
	*)
		case $ph in
		DIR)
			COMPREPLY=($(compgen -d -- "$cur"))
			compopt -o filenames 2>/dev/null ;;
		FILE)
			COMPREPLY=($(compgen -f -- "$cur"))
			compopt -o filenames 2>/dev/null ;;
		*)
			COMPREPLY=() ;;	# DATE, DAYS, TEXT, PATH=VALUE
		esac ;;
	esac
}

_aisubsidy()
{
	local cur=${COMP_WORDS[COMP_CWORD]} bin cmd="" sub="" i w opt ph
	local -a words=() operands=() specs=() _aisubsidy_rule_args=()
	local _aisubsidy_b nopt=0 dashdash=0 eqopt=""
	local IFS=$'\n'

	COMPREPLY=()
	bin=$(_aisubsidy_bin)
	_aisubsidy_b=$bin

	# --opt=value: bash splits it at the '=' (COMP_WORDBREAKS) into
	# "--opt" "=" "value"; the value is completed for --opt
	if [[ $cur == = && ${COMP_WORDS[COMP_CWORD-1]} == --* ]]; then
		eqopt=${COMP_WORDS[COMP_CWORD-1]}
		cur=""
	elif [[ ${COMP_WORDS[COMP_CWORD-1]} == = ]]; then
		# after "--opt=", or inside a value such as --set PATH=VALUE
		[[ ${COMP_WORDS[COMP_CWORD-2]} == --* ]] || return 0
		eqopt=${COMP_WORDS[COMP_CWORD-2]}
	fi

	# the words before the cursor, each --opt=value (and the PATH=VALUE
	# of --set) joined again
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == = && ${#words[@]} -gt 0 ]]; then
			words[-1]+="="
			if ((i + 1 < COMP_CWORD)); then
				((i++))
				words[-1]+=${COMP_WORDS[i]}
			fi
			continue
		fi
		words+=("$w")
	done
	[[ -n $eqopt && ${words[-1]} == "$eqopt"* ]] && unset 'words[-1]'

	# the rule options of the line, wherever they are, for the ids
	for ((i = 0; i < ${#words[@]}; i++)); do
		case ${words[i]} in
		--rules=* | --add-rules=*)
			_aisubsidy_rule_args+=("${words[i]%%=*}" "${words[i]#*=}") ;;
		--rules | --add-rules)
			((i + 1 < ${#words[@]})) &&
			    _aisubsidy_rule_args+=("${words[i]}" "${words[i+1]}")
			((i++)) ;;
		--)
			break ;;
		esac
	done
	_aisubsidy_rule_args=("${_aisubsidy_rule_args[@]/#\~/$HOME}")

	# the command: the first word that is not an option
	for ((i = 0; i < ${#words[@]}; i++)); do
		if [[ ${words[i]} != -* ]]; then
			cmd=${words[i]}
			break
		fi
	done
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			_aisubsidy_words $'--help\n--version\n-h' "$cur"
		else
			_aisubsidy_words "$(_aisubsidy_commands "$bin")" "$cur"
		fi
		return 0
	fi
	((i++))

	# rules SUB: options are those of the subcommand
	if [[ $cmd == rules ]]; then
		for ((; i < ${#words[@]}; i++)); do
			case ${words[i]} in
			--rules | --add-rules)
				((i++)) ;;	# and its DIR
			-*) ;;
			*)
				sub=${words[i]}
				((i++))
				break ;;
			esac
		done
		if [[ -z $sub ]]; then
			if [[ $cur == -* ]]; then
				# before the subcommand, what every one takes
				specs=($(_aisubsidy_options "$bin" rules))
				_aisubsidy_words "$(printf '%s\n' "${specs[@]%% *}" |
				    grep -x -e --rules -e --add-rules -e -h -e --help)" \
				    "$cur"
			else
				w=$("$bin" help rules 2>/dev/null | sed -n \
				    's/^.*aisubsidy rules \([a-z][a-z]*\).*$/\1/p' |
				    sort -u)
				[[ -z $w ]] && w=$'list\nshow\ncheck\nids'
				_aisubsidy_words "$w" "$cur"
			fi
			return 0
		fi
		specs=($(_aisubsidy_options "$bin" rules "$sub"))
	else
		specs=($(_aisubsidy_options "$bin" "$cmd"))
	fi

	# the operands so far, and the rule options for the ids
	for ((; i < ${#words[@]}; i++)); do
		w=${words[i]}
		if ((dashdash)) || [[ $w != -* || $w == - ]]; then
			operands+=("$w")
			continue
		fi
		if [[ $w == -- ]]; then
			dashdash=1
			continue
		fi
		opt=${w%%=*}
		ph=""
		for ph in "${specs[@]}"; do
			[[ ${ph%% *} == "$opt" ]] && break
			ph=""
		done
		ph=${ph#* }
		# the rule options take a value even for a command whose help
		# could not be read
		[[ $opt == --rules || $opt == --add-rules ]] && ph=${ph:-DIR}
		if [[ -n $ph && $w != *=* ]] && ((i + 1 < ${#words[@]})); then
			((i++))
			w=$opt=${words[i]}
		fi
	done

	# the value of an option
	opt=$eqopt
	if [[ -z $opt && $dashdash == 0 && ${#words[@]} -gt 0 &&
	    ${words[-1]} == -* && ${words[-1]} != *=* ]]; then
		opt=${words[-1]}
	fi
	if [[ -n $opt ]]; then
		for ph in "${specs[@]}"; do
			if [[ ${ph%% *} == "$opt" && -n ${ph#* } ]]; then
				_aisubsidy_value "$opt" "${ph#* }" "$cur" "$cmd"
				return 0
			fi
		done
	fi

	if [[ $cur == -* && $dashdash == 0 ]]; then
		_aisubsidy_words "$(printf '%s\n' "${specs[@]%% *}")" "$cur"
		return 0
	fi

	# the operand number ${#operands[@]} of the command
	case $cmd:$sub:${#operands[@]} in
	calc::0 | pool::0 | compare::0 | report::0 | explain::1)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null ;;
	test::0 | rules:check:0)
		COMPREPLY=($(compgen -d -- "$cur"))
		compopt -o filenames 2>/dev/null ;;
	explain::0)
		_aisubsidy_words "$(_aisubsidy_ids "$bin" programs \
		    "${_aisubsidy_rule_args[@]}")" "$cur" ;;
	rules:show:0)
		_aisubsidy_words "$(_aisubsidy_ids "$bin" programs \
		    "${_aisubsidy_rule_args[@]}"; _aisubsidy_ids "$bin" \
		    jurisdictions "${_aisubsidy_rule_args[@]}")" "$cur" ;;
	rules:ids:0)
		_aisubsidy_words $'programs\njurisdictions' "$cur" ;;
	schema::0)
		_aisubsidy_words $'profile\nresult' "$cur" ;;
	help::0)
		_aisubsidy_words "$(_aisubsidy_commands "$bin")" "$cur" ;;
	esac
	return 0
}

complete -F _aisubsidy aisubsidy
