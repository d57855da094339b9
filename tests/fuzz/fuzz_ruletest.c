/*
 * fuzz_ruletest: the rule-test runner (aisubsidy test) on one fuzzed test
 * file, against the built-in rules.
 *
 * The input is one YAML test file (the format of rules/tests/NAME.yaml).  It
 * is run verbosely, writing to /dev/null; its NUL-terminated copy is what
 * the runner gets, as from ais_rule_files_read.
 */
#include "fuzz_common.h"
#include "ruletest.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fuzz_builtin_rules();
	(void)fuzz_null_file();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ais_ruletest_stats st;
	struct ais_rule_file f = { 0 };
	struct ais_error err;
	char *text = ais_xmalloc(size + 1), msg[1400];

	memcpy(text, data, size);
	text[size] = '\0';
	f.name = "rules/tests/fuzz.yaml";
	f.data = text;
	f.len = size;
	memset(&st, 0, sizeof st);
	memset(&err, 0, sizeof err);
	if (ais_ruletest_run(fuzz_builtin_rules(), &f, 1, 1, fuzz_null_file(),
	    &st, &err) < 0)
		ais_error_format(&err, msg, sizeof msg);
	free(text);
	return 0;
}
