#!/bin/sh
# Source rules that a compiler does not check (docs/hardening.md).  Run
# from the top of the tree: sh tests/lint.sh
#  - every growable array grows through AIS_VEC_PUSH / AIS_VEC_RESERVE
#    (src/util.h): no realloc anywhere else in src/, so no length or
#    capacity can be kept apart from its array;
#  - the functions the house style bans;
#  - no exit, _Exit or abort outside src/main.c: memory that runs out is
#    an error the library returns (AIS_ENOMEM, docs/library.md), and the
#    process is main's to end;
#  - no cJSON in the profile reader, and no cJSON_InitHooks in the library:
#    the hooks are process-wide, and a library sets no process-wide state
#    (a host thread calling cJSON_Parse meanwhile would use them).
pass=0
fail=0
check() {
	if [ -n "$2" ]; then
		echo "FAILED lint: $1:"
		echo "$2" | head -10
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
}
check "realloc outside src/util.c (grow arrays with AIS_VEC_PUSH)" \
	"$(grep -n 'realloc(' src/*.c src/*.h | grep -v '^src/util\.[ch]:')"
check "sprintf, strcpy, strcat, strtok or atoi in src/" \
	"$(grep -nE '(^|[^n_a-z])(sprintf|strcpy|strcat|strtok|atoi)\(' src/*.c src/*.h)"
check "exit or abort in the library (main.c alone owns the process)" \
	"$(grep -nE '(^|[^_a-z])(exit|_Exit|abort)\(' src/*.c src/*.h | grep -v '^src/main\.c:')"
check "cJSON in src/profile.c, or cJSON_InitHooks in src/ (process-wide hooks)" \
	"$(grep -n 'cJSON' src/profile.c; grep -n 'cJSON_InitHooks' src/*.c src/*.h)"
echo "lint: $pass passed, $fail failed"
[ $fail = 0 ]
