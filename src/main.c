/*
 * main.c: the aisubsidy command line, a thin layer over libaisubsidy.
 *
 * As in git, a table of commands (struct command), each with its own
 * usage, help and options; main dispatches through it.  Every command
 * parses its arguments with next_arg, which knows "--opt value",
 * "--opt=value" and "--", and answers --help and -h.
 *
 * Results go to standard output, messages to standard error; the exit
 * status is one of enum ais_status (README.md, aisubsidy.1).
 */
#include <assert.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aisubsidy.h"
#include "batch.h"
#include "builtin.h"
#include "catalog.h"
#include "compare.h"
#include "contract.h"
#include "engine.h"
#include "output.h"
#include "compare.h"
#include "pool.h"
#include "profile.h"
#include "report.h"
#include "reform.h"
#include "rules.h"
#include "ruletest.h"
#include "rulestool.h"
#include "tally.h"
#include "text.h"
#include "explain.h"

/* The options of every command, by what they do. */
enum opt_id {
	OPT_HELP,
	OPT_VERSION,
	OPT_RULES,
	OPT_ADD_RULES,
	OPT_AS_OF,
	OPT_FORMAT,
	OPT_JURISDICTION,
	OPT_ELIGIBLE_ONLY,
	OPT_PRETTY,
	OPT_COMPACT,
	OPT_BATCH,
	OPT_SUMMARY,
	OPT_SUMMARY_FILE,
	OPT_ALLOCATIONS,
	OPT_LANG,
	OPT_VERBOSE,
	OPT_UNIT,
	OPT_QUIET,
	OPT_STRICT,
	OPT_DUE_WITHIN,
	OPT_SET,
	OPT_NEAR_MISS,
	/* aisubsidy test and aisubsidy rules (docs/rule-tools.md) */
	OPT_FILTER,
	OPT_JUNIT,
	OPT_CHECK_STRICT,
	/* issue 13: a reform (docs/policy.md) */
	OPT_REFORM,
	OPT_SET_TERM,
	OPT_JOBS,		/* -j, --jobs N (calc, compare) */
	/* compare */
	OPT_CHANGES,
	OPT_TOP
};

/* One option of a command: its long name, a short alias or NULL, and
 * whether it takes a value ("--rules DIR" or "--rules=DIR"). */
struct cmd_opt {
	const char *name;
	const char *alias;
	int takes_value;
	enum opt_id id;
};

/*
 * A command: its name, the function that runs it (given the command
 * itself and its arguments, argv[0] being the command's name), its
 * usage (the synopsis without "usage: ", continuation lines indented to
 * go under it), its help (what follows the usage in COMMAND --help), a
 * line for the list of commands and its options, ending with a NULL
 * name.  The function returns the exit status.
 */
struct command {
	const char *name;
	int (*fn)(const struct command *cmd, int argc, char **argv);
	const char *usage;
	const char *help;
	const char *summary;
	const struct cmd_opt *opts;
};

static int cmd_calc(const struct command *cmd, int argc, char **argv);
static int cmd_pool(const struct command *cmd, int argc, char **argv);
static int cmd_test(const struct command *cmd, int argc, char **argv);
static int cmd_programs(const struct command *cmd, int argc, char **argv);
static int cmd_rules(const struct command *cmd, int argc, char **argv);
static int cmd_schema(const struct command *cmd, int argc, char **argv);
static int cmd_help(const struct command *cmd, int argc, char **argv);
static int cmd_explain(const struct command *cmd, int argc, char **argv);
static int cmd_compare(const struct command *cmd, int argc, char **argv);
static int cmd_report(const struct command *cmd, int argc, char **argv);

static const struct cmd_opt calc_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--as-of", NULL, 1, OPT_AS_OF},
	{"--jurisdiction", NULL, 1, OPT_JURISDICTION},
	{"--eligible-only", NULL, 0, OPT_ELIGIBLE_ONLY},
	{"--pretty", NULL, 0, OPT_PRETTY},
	{"--compact", NULL, 0, OPT_COMPACT},
	{"--batch", NULL, 0, OPT_BATCH},
	{"--summary", NULL, 0, OPT_SUMMARY},
	{"--summary-file", NULL, 1, OPT_SUMMARY_FILE},
	{"--lang", NULL, 1, OPT_LANG},
	{"--format", NULL, 1, OPT_FORMAT},
	{"--unit", NULL, 1, OPT_UNIT},
	{"--quiet", "-q", 0, OPT_QUIET},
	{"--strict", NULL, 0, OPT_STRICT},
	{"--due-within", NULL, 1, OPT_DUE_WITHIN},
	{"--set", NULL, 1, OPT_SET},
	{"--near-miss", NULL, 0, OPT_NEAR_MISS},
	{"--reform", NULL, 1, OPT_REFORM},
	{"--set-term", NULL, 1, OPT_SET_TERM},
	{"--jobs", "-j", 1, OPT_JOBS},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char calc_usage[] =
"aisubsidy calc [--rules DIR] [--add-rules DIR]... [--as-of DATE]\n"
"                      [--jurisdiction ID]...\n"
"                      [--eligible-only] [--pretty] [--compact] [--batch]\n"
"                      [--summary] [--summary-file FILE] [--lang zh|en]\n"
"                      [--format json|text] [--unit yuan|wan]\n"
"                      [-q|--quiet] [--strict] [--due-within DAYS]\n"
"                      [--set PATH=VALUE]... [--near-miss]\n"
"                      [--reform FILE] [--set-term PROGRAM.TERM=VALUE]...\n"
"                      [-j|--jobs N]\n"
"                      [--] FILE|-\n";

static const char calc_help[] =
"Evaluates the JSON profile in FILE (- for standard input) against the\n"
"rules of its city and province; input with one profile a line is a\n"
"batch, one result a line.\n"
"\n"
"  --rules DIR          use the rule files DIR/*.yaml instead of the\n"
"                       built-in rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      load DIR/*.yaml on top: a jurisdiction there\n"
"                       replaces the one of the same id; may be repeated\n"
"                       (also: AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --as-of DATE         claim date YYYY-MM-DD for profiles without as_of\n"
"                       (default: today)\n"
"  --jurisdiction ID    evaluate as if located in ID (and its province);\n"
"                       may be repeated\n"
"  --eligible-only      list only the programs the applicant qualifies for\n"
"  --pretty             indent the JSON for people\n"
"  --compact            per profile only id, totals and eligible amounts\n"
"  --batch              one profile a line (JSON Lines), one result a line\n"
"  --summary            after the results, one line {\"summary\": ...}: per\n"
"                       program applicants eligible and amounts; totals\n"
"  --summary-file FILE  write that summary to FILE instead\n"
"  --lang zh|en         the language of reasons, manual checks and notes\n"
"                       (default: zh)\n"
"  --format json|text   JSON (the default), or a table for people: per\n"
"                       program amount, up to and why not; totals,\n"
"                       warnings, receipt (not with --compact, --summary)\n"
"  --unit yuan|wan      amounts of the text table in yuan (1,250,000.50,\n"
"                       the default) or in 万 (125万); --format text only\n"
"  -q, --quiet          do not also write each warning to standard error\n"
"                       as 'aisubsidy: FILE[:LINE]: warning: MESSAGE'\n"
"  --strict             reject a profile with any warning (exit status 1;\n"
"                       in a batch, an error record in its place)\n"
"  --due-within DAYS    keep only the eligible programs whose last day of\n"
"                       claims is at most DAYS days after the claim date\n"
"  --set PATH=VALUE     what if: evaluate each profile with the value at\n"
"                       PATH (revenue.ai_share, as_of, list[0].field)\n"
"                       set to VALUE (JSON, else a string); the result's\n"
"                       what_if compares it with the unchanged profile;\n"
"                       may be repeated\n"
"  --near-miss          find what would qualify (to_qualify) in batch and\n"
"                       compact output too, and add near_miss: the\n"
"                       programs one verified change away\n"
"  --reform FILE        evaluate under the reform of FILE: changes to\n"
"                       programs' terms (docs/policy.md); the receipt\n"
"                       names it\n"
"  --set-term PROGRAM.TERM=VALUE\n"
"                       one change of a term (shenzhen.training_voucher.\n"
"                       rate=40%), after those of --reform; may be\n"
"                       repeated\n"
"  -j, --jobs N         evaluate a batch in N threads, 1 to 256, the output\n"
"                       the same (default: one a processor online; from a\n"
"                       pipe, one, each result written as its line comes)\n"
"  --                   the end of the options: FILE follows, even when\n"
"                       it begins with -\n"
"  -h, --help           show this help\n";

static const struct cmd_opt pool_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--as-of", NULL, 1, OPT_AS_OF},
	{"--jurisdiction", NULL, 1, OPT_JURISDICTION},
	{"--allocations", NULL, 1, OPT_ALLOCATIONS},
	{"--pretty", NULL, 0, OPT_PRETTY},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

/* pool writes figures only, no narration: it has no --lang */
static const char pool_usage[] =
"aisubsidy pool [--rules DIR] [--add-rules DIR]... [--as-of DATE]\n"
"                      [--jurisdiction ID]... [--allocations FILE]\n"
"                      [--pretty] [--] FILE|-\n";

static const char pool_help[] =
"Applies each program's annual budget pool to the profiles of FILE (one\n"
"a line, - for standard input), the claims of each calendar year sharing\n"
"that year's pool, and reports, per year and pool, demand, paid, fill\n"
"ratio and applicants cut.\n"
"\n"
"  --rules DIR          use the rule files DIR/*.yaml instead of the\n"
"                       built-in rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      load DIR/*.yaml on top: a jurisdiction there\n"
"                       replaces the one of the same id; may be repeated\n"
"                       (also: AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --as-of DATE         claim date YYYY-MM-DD for profiles without as_of\n"
"                       (default: today); a year's pool is the one in\n"
"                       force on that year's latest claim date\n"
"  --jurisdiction ID    evaluate as if located in ID (and its province);\n"
"                       may be repeated\n"
"  --allocations FILE   write each claim and what it is paid, a line each\n"
"  --pretty             indent the report for people\n"
"  --                   the end of the options: FILE follows, even when\n"
"                       it begins with -\n"
"  -h, --help           show this help\n";

static const struct cmd_opt compare_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--as-of", NULL, 1, OPT_AS_OF},
	{"--jurisdiction", NULL, 1, OPT_JURISDICTION},
	{"--reform", NULL, 1, OPT_REFORM},
	{"--set-term", NULL, 1, OPT_SET_TERM},
	{"--changes", NULL, 1, OPT_CHANGES},
	{"--top", NULL, 1, OPT_TOP},
	{"--jobs", "-j", 1, OPT_JOBS},
	{"--pretty", NULL, 0, OPT_PRETTY},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

/* compare writes figures only, no narration: it has no --lang */
static const char compare_usage[] =
"aisubsidy compare [--rules DIR] [--add-rules DIR]... [--as-of DATE]\n"
"                         [--jurisdiction ID]... [--reform FILE]\n"
"                         [--set-term PROGRAM.TERM=VALUE]... [--changes FILE]\n"
"                         [--top N] [-j|--jobs N] [--pretty] [--] FILE|-\n";

static const char compare_help[] =
"Evaluates the profiles of FILE (one a line, - for standard input) under\n"
"the rules and under a reform of them, each side's budget pools shared\n"
"out, and reports per program and in total: applicants eligible, amounts\n"
"demanded and paid, pools, fill ratios, applicants cut, and what the\n"
"reform changes; the applicants who gain and who lose (docs/policy.md).\n"
"\n"
"  --rules DIR          use the rule files DIR/*.yaml instead of the\n"
"                       built-in rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      load DIR/*.yaml on top: a jurisdiction there\n"
"                       replaces the one of the same id; may be repeated\n"
"                       (also: AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --as-of DATE         claim date YYYY-MM-DD for profiles without as_of\n"
"                       (default: today)\n"
"  --jurisdiction ID    evaluate as if located in ID (and its province);\n"
"                       may be repeated\n"
"  --reform FILE        the reform: changes to terms of the programs\n"
"  --set-term PROGRAM.TERM=VALUE\n"
"                       one change more (after the file's); may be\n"
"                       repeated; a reform or a change is needed\n"
"  --changes FILE       write each applicant whose result changed, a line\n"
"                       each, in input order (- for standard output,\n"
"                       before the report)\n"
"  --top N              list the N largest gains and losses (default 10)\n"
"  -j, --jobs N         evaluate in N threads (default: the processors\n"
"                       online; 1: no thread); the report is the same\n"
"  --pretty             indent the report for people\n"
"  --                   the end of the options: FILE follows, even when\n"
"                       it begins with -\n"
"  -h, --help           show this help\n";

static const struct cmd_opt test_opts[] = {
	{"--verbose", "-v", 0, OPT_VERBOSE},
	{"--filter", NULL, 1, OPT_FILTER},
	{"--junit", NULL, 1, OPT_JUNIT},
	{"--lang", NULL, 1, OPT_LANG},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char test_usage[] =
"aisubsidy test [--verbose] [--filter TEXT] [--junit FILE]\n"
"                      [--lang zh|en] [--] [DIR]\n";

static const char test_help[] =
"Runs the rule tests: the built-in ones against the built-in rules, or\n"
"those of DIR/tests/*.yaml against the rules DIR/*.yaml.  A test profile\n"
"is read strictly: a warning the case does not list in 'warnings' fails\n"
"it; a failing item shows its reasons.\n"
"\n"
"  -v, --verbose        list every case, not only those that fail\n"
"  --filter TEXT        run only the cases whose name, or a program id\n"
"                       they expect, contains TEXT (none: exit 4)\n"
"  --junit FILE         also write a JUnit XML report to FILE (- for\n"
"                       standard output: the report then goes to\n"
"                       standard error)\n"
"  --lang zh|en         the language of the report and of the reasons of\n"
"                       a failing item (default: en)\n"
"  --                   the end of the options: DIR follows, even when\n"
"                       it begins with -\n"
"  -h, --help           show this help\n";

static const struct cmd_opt rules_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--jurisdiction", NULL, 1, OPT_JURISDICTION},
	{"--as-of", NULL, 1, OPT_AS_OF},
	{"--lang", NULL, 1, OPT_LANG},
	{"--format", NULL, 1, OPT_FORMAT},
	{"--strict", NULL, 0, OPT_CHECK_STRICT},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char rules_usage[] =
"aisubsidy rules list [--rules DIR] [--add-rules DIR]...\n"
"                      [--jurisdiction ID]... [--as-of DATE] [--lang zh|en]\n"
"                      [--format text|json|ids]\n"
"       aisubsidy rules show [--rules DIR] [--add-rules DIR]... [--lang zh|en]\n"
"                      [--format text|json] ID\n"
"       aisubsidy rules check [--rules DIR] [--add-rules DIR]... [--as-of DATE]\n"
"                      [--lang zh|en] [--strict] [DIR]\n"
"       aisubsidy rules ids [--rules DIR] [--add-rules DIR]...\n"
"                      [programs|jurisdictions]\n";

static const char rules_help[] =
"Looks into the rules (docs/rule-tools.md).  list: one row per program,\n"
"its id, title, basis, whether it is in force on --as-of (default: today)\n"
"and the lowest grade of its terms' sources.  show: a program with every\n"
"term, its dated values and their sources, or a jurisdiction with its\n"
"documents and programs.  check: every check of the loader, then\n"
"warnings: terms resting only on sources below 'quoted', programs no\n"
"rule test names, programs past their validity on --as-of; DIR is read\n"
"as --rules DIR.  ids: the program (or jurisdiction) ids, one a line.\n"
"\n"
"  --rules DIR          the rule files DIR/*.yaml instead of the built-in\n"
"                       rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      load DIR/*.yaml on top; may be repeated (also:\n"
"                       AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --jurisdiction ID    list: only the programs an applicant located in\n"
"                       ID is evaluated against (ID's and its\n"
"                       province's); may be repeated\n"
"  --as-of DATE         list, check: the day YYYY-MM-DD (default: today)\n"
"  --lang zh|en         the language of the text (default: zh)\n"
"  --format FORMAT      list: text (default), json or ids; show: text\n"
"                       (default) or json\n"
"  --strict             check: exit 1 when there is a warning\n"
"  -h, --help           show this help\n";

static const struct cmd_opt programs_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--lang", NULL, 1, OPT_LANG},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char programs_usage[] =
"aisubsidy programs [--rules DIR] [--add-rules DIR]... [--lang zh|en]\n";

static const char programs_help[] =
"Lists every program of the rules with its document, validity,\n"
"applicants, conditions, awards, terms and sources, as Markdown\n"
"(docs/programs.md is this list for the built-in rules).\n"
"\n"
"  --rules DIR          list the programs of DIR/*.yaml instead of the\n"
"                       built-in rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      load DIR/*.yaml on top, as calc does; may be\n"
"                       repeated (also: AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --lang zh|en         the language of conditions, awards and notes\n"
"                       (default: zh)\n"
"  -h, --help           show this help\n";

static const struct cmd_opt schema_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--format", NULL, 1, OPT_FORMAT},
	{"--lang", NULL, 1, OPT_LANG},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char schema_usage[] =
"aisubsidy schema [--rules DIR] [--add-rules DIR]...\n"
"                      [--format json|markdown] [--lang zh|en] profile|result\n";

static const char schema_help[] =
"Prints the contract of the input or of the output: 'profile', the\n"
"fields a profile may give, from the profile contract of the rules\n"
"(rules/profile.yaml and the declarations of the rule files); 'result',\n"
"what calc writes.  Both as JSON Schemas (draft 2020-12) by default.\n"
"\n"
"  --rules DIR          the contract of DIR/*.yaml instead of the built-in\n"
"                       rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      with the declarations of DIR/*.yaml on top; may be\n"
"                       repeated (also: AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --format json|markdown\n"
"                       profile as a JSON Schema (default), or as the\n"
"                       tables of docs/profile.md\n"
"  --lang zh|en         the language of the Markdown (default: zh)\n"
"  -h, --help           show this help\n";

static const struct cmd_opt explain_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--as-of", NULL, 1, OPT_AS_OF},
	{"--jurisdiction", NULL, 1, OPT_JURISDICTION},
	{"--lang", NULL, 1, OPT_LANG},
	{"--set", NULL, 1, OPT_SET},
	{"--reform", NULL, 1, OPT_REFORM},
	{"--set-term", NULL, 1, OPT_SET_TERM},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char explain_usage[] =
"aisubsidy explain [--rules DIR] [--add-rules DIR]... [--as-of DATE]\n"
"                      [--jurisdiction ID]... [--lang zh|en]\n"
"                      [--set PATH=VALUE]...\n"
"                      [--reform FILE] [--set-term PROGRAM.TERM=VALUE]...\n"
"                      [--] PROGRAM FILE|-\n";

static const char explain_help[] =
"Tells, step by step, how the program PROGRAM (an id: chengdu.standards)\n"
"was evaluated for the one profile in FILE (- for standard input): each\n"
"condition with the values it was tested on and the clause it rests on,\n"
"each list entry counted or not, the arithmetic with its rounding and\n"
"caps, prior awards, the same-project rule, the terms with their dates,\n"
"sources and grades, the result and what to do next.  A program of a\n"
"place the profile does not name is evaluated as if the applicant were\n"
"there too, and the first line says so.\n"
"\n"
"  --rules DIR          use the rule files DIR/*.yaml instead of the\n"
"                       built-in rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      load DIR/*.yaml on top: a jurisdiction there\n"
"                       replaces the one of the same id; may be repeated\n"
"                       (also: AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --as-of DATE         claim date YYYY-MM-DD for a profile without as_of\n"
"                       (default: today)\n"
"  --jurisdiction ID    evaluate as if located in ID (and its province);\n"
"                       may be repeated\n"
"  --lang zh|en         the language of the explanation (default: zh)\n"
"  --set PATH=VALUE     explain it for the profile with the value at PATH\n"
"                       set to VALUE (JSON, else a string), as calc --set;\n"
"                       may be repeated\n"
"  --reform FILE        explain it under the reform of FILE, as calc\n"
"                       --reform\n"
"  --set-term PROGRAM.TERM=VALUE\n"
"                       one change of a term, as calc --set-term; may be\n"
"                       repeated\n"
"  --                   the end of the options: PROGRAM and FILE follow\n"
"  -h, --help           show this help\n";

/* issue 13: the compare report as a page (docs/policy.md, "The report") */
static const struct cmd_opt report_opts[] = {
	{"--rules", NULL, 1, OPT_RULES},
	{"--add-rules", NULL, 1, OPT_ADD_RULES},
	{"--as-of", NULL, 1, OPT_AS_OF},
	{"--jurisdiction", NULL, 1, OPT_JURISDICTION},
	{"--reform", NULL, 1, OPT_REFORM},
	{"--set-term", NULL, 1, OPT_SET_TERM},
	{"--top", NULL, 1, OPT_TOP},
	{"--jobs", "-j", 1, OPT_JOBS},
	{"--lang", NULL, 1, OPT_LANG},
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char report_usage[] =
"aisubsidy report [--rules DIR] [--add-rules DIR]... [--as-of DATE]\n"
"                      [--jurisdiction ID]... [--reform FILE]\n"
"                      [--set-term PROGRAM.TERM=VALUE]... [--top N]\n"
"                      [-j|--jobs N] [--lang zh|en] [--] FILE|-\n";

static const char report_help[] =
"Writes the budget report of the profiles of FILE (one a line, - for\n"
"standard input) as one HTML page on standard output: per program the\n"
"applicants eligible, demand against the budget pool, what is paid and\n"
"the distribution of awards, and the totals; with a reform, the same\n"
"under it beside the rules in force, the change, and the winners and\n"
"losers.  Every figure is that of the JSON report of compare.  The page\n"
"is self-contained: no script, nothing fetched.\n"
"\n"
"  --rules DIR          use the rule files DIR/*.yaml instead of the\n"
"                       built-in rules (also: AISUBSIDY_RULES=DIR)\n"
"  --add-rules DIR      load DIR/*.yaml on top: a jurisdiction there\n"
"                       replaces the one of the same id; may be repeated\n"
"                       (also: AISUBSIDY_ADD_RULES=DIR:DIR...)\n"
"  --as-of DATE         claim date YYYY-MM-DD for profiles without as_of\n"
"                       (default: today)\n"
"  --jurisdiction ID    evaluate as if located in ID (and its province);\n"
"                       may be repeated\n"
"  --reform FILE        the reform: changes to terms of the programs\n"
"  --set-term PROGRAM.TERM=VALUE\n"
"                       one change more (after the file's); may be\n"
"                       repeated; without either, the rules in force\n"
"                       alone\n"
"  --top N              list the N largest gains and losses (default 10)\n"
"  -j, --jobs N         evaluate in N threads (default: the processors\n"
"                       online; 1: no thread); the page is the same\n"
"  --lang zh|en         the language of the page (default: zh)\n"
"  --                   the end of the options: FILE follows, even when\n"
"                       it begins with -\n"
"  -h, --help           show this help\n";

static const struct cmd_opt help_opts[] = {
	{"--help", "-h", 0, OPT_HELP},
	{NULL, NULL, 0, OPT_HELP}
};

static const char help_usage[] =
"aisubsidy help [COMMAND]\n";

static const char help_help[] =
"Shows the usage and options of COMMAND, or without one, the commands.\n"
"'aisubsidy COMMAND --help' does the same.\n"
"\n"
"  -h, --help           show this help\n";

static const struct command commands[] = {
	{"calc", cmd_calc, calc_usage, calc_help,
	    "evaluate profiles: the subsidies each applicant qualifies for",
	    calc_opts},
	{"pool", cmd_pool, pool_usage, pool_help,
	    "share each program's annual budget pool out among profiles",
	    pool_opts},
	{"compare", cmd_compare, compare_usage, compare_help,
	    "compare what profiles are paid under the rules and a reform",
	    compare_opts},
	{"test", cmd_test, test_usage, test_help,
	    "run the rule tests", test_opts},
	{"programs", cmd_programs, programs_usage, programs_help,
	    "list every program with its terms and sources, as Markdown",
	    programs_opts},
	{"rules", cmd_rules, rules_usage, rules_help,
	    "list, show and check the programs of the rules", rules_opts},
	{"schema", cmd_schema, schema_usage, schema_help,
	    "print the JSON Schema of the profile or of the result",
	    schema_opts},
	{"explain", cmd_explain, explain_usage, explain_help,
	    "tell step by step how one program was evaluated for a profile",
	    explain_opts},
	{"report", cmd_report, report_usage, report_help,
	    "write the budget report of profiles as one HTML page",
	    report_opts},
	{"help", cmd_help, help_usage, help_help,
	    "show the usage and options of a command", help_opts},
	{NULL, NULL, NULL, NULL, NULL, NULL}
};

/* The options before the command; its usage (NULL) is every command's. */
static const struct cmd_opt main_opts[] = {
	{"--help", "-h", 0, OPT_HELP},
	{"--version", NULL, 0, OPT_VERSION},
	{NULL, NULL, 0, OPT_HELP}
};

static const struct command main_cmd = {
	"aisubsidy", NULL, NULL, NULL, NULL, main_opts
};

/* The last line of the full usage: help is in the table, but its usage
 * line reads better joined to the options that also ask for help. */
static const char main_usage_tail[] =
"       aisubsidy --help | --version | help [COMMAND]\n";

static const char main_help[] =
"\n"
"Computes the Chinese local AI-industry subsidies an applicant qualifies\n"
"for, item by item, from the rules of each city and province.\n"
"\n"
"commands:\n";

static const char main_help_tail[] =
"\n"
"'aisubsidy help COMMAND' or 'aisubsidy COMMAND --help' shows the\n"
"options of COMMAND.  An option's value follows it as the next argument\n"
"or after '=': --rules DIR or --rules=DIR.\n"
"\n"
"exit status: 0 every profile evaluated; 1 a profile was rejected;\n"
"2 wrong usage; 3 the rules could not be loaded; 4 output failed or a\n"
"rule test failed; 5 memory ran out.\n";

/* Writes cmd's usage to f, or every command's when cmd->usage is NULL. */
static void
print_usage(FILE *f, const struct command *cmd)
{
	size_t i;

	if (cmd->usage != NULL) {
		fprintf(f, "usage: %s", cmd->usage);
		return;
	}
	for (i = 0; commands[i].name != NULL; i++)
		if (commands[i].fn != cmd_help)
			fprintf(f, "%s%s", i == 0 ? "usage: " : "       ",
			    commands[i].usage);
	fputs(main_usage_tail, f);
}

/* Writes cmd's usage and help to standard output: COMMAND --help. */
static int
print_help(const struct command *cmd)
{
	size_t i;

	print_usage(stdout, cmd);
	if (cmd->usage != NULL) {
		printf("\n%s", cmd->help);
		return AIS_OK;
	}
	fputs(main_help, stdout);
	for (i = 0; commands[i].name != NULL; i++)
		printf("  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs(main_help_tail, stdout);
	return AIS_OK;
}

/* "aisubsidy: MESSAGE" and cmd's usage on standard error; AIS_EUSAGE. */
static int
usage_error(const struct command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
usage_error(const struct command *cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("aisubsidy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	print_usage(stderr, cmd);
	return AIS_EUSAGE;
}

/* Prints e; memory that ran out is "aisubsidy: out of memory", wherever
 * it ran out. */
static void
print_error(const char *file, const struct ais_error *e)
{
	ais_error_print(stderr, e->status == AIS_ENOMEM ? NULL : file, e);
}

/* The exit status for error e: AIS_ENOMEM when memory ran out, else
 * status. */
static int
error_status(const struct ais_error *e, int status)
{
	return e->status == AIS_ENOMEM ? AIS_ENOMEM : status;
}

/* Says that memory ran out; AIS_ENOMEM. */
static int
out_of_memory(void)
{
	fputs("aisubsidy: out of memory\n", stderr);
	return AIS_ENOMEM;
}

static int
flush_out(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			return AIS_OK;
		fprintf(stderr, "aisubsidy: unable to write the result: %s\n",
		    strerror(errno));
		return AIS_EIO;
	}
	return AIS_OK;
}

/* The command named name, or NULL. */
static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; commands[i].name != NULL; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* "unknown command 'NAME'", with the command it likely is, and the
 * full usage; AIS_EUSAGE. */
static int
unknown_command(const char *name)
{
	const char *names[sizeof commands / sizeof commands[0]];
	const char *s;
	size_t i;

	for (i = 0; commands[i].name != NULL; i++)
		names[i] = commands[i].name;
	names[i] = NULL;
	s = ais_suggest(name, strlen(name), names);
	if (s != NULL)
		return usage_error(&main_cmd, "unknown command '%s' (did you "
		    "mean '%s'?)", name, s);
	return usage_error(&main_cmd, "unknown command '%s'", name);
}

/* Where a command is in reading its arguments (next_arg). */
struct args {
	const struct command *cmd;
	int argc;
	char **argv;
	int i;			/* the next argument */
	int dashdash;		/* "--" was read: no more options */
	const char *value;	/* of the option, or the operand, just read */
};

static void
args_init(struct args *p, const struct command *cmd, int argc, char **argv)
{
	p->cmd = cmd;
	p->argc = argc;
	p->argv = argv;
	p->i = 1;
	p->dashdash = 0;
	p->value = NULL;
}

/* What next_arg read, besides an option (its enum opt_id). */
enum {
	ARG_END = -1,		/* nothing left */
	ARG_OPERAND = -2,	/* an operand, in p->value */
	ARG_STOP = -3		/* help shown or a usage error: see *rc */
};

/* The option of opts named by a[0..n), long name or alias, or NULL. */
static const struct cmd_opt *
find_option(const struct cmd_opt *opts, const char *a, size_t n)
{
	size_t i;

	for (i = 0; opts[i].name != NULL; i++)
		if ((strlen(opts[i].name) == n &&
		    memcmp(opts[i].name, a, n) == 0) ||
		    (opts[i].alias != NULL && strlen(opts[i].alias) == n &&
		    memcmp(opts[i].alias, a, n) == 0))
			return &opts[i];
	return NULL;
}

/* "unknown option 'A'" with the long option of cmd it likely is (both
 * compared without their leading dashes, so that -pretty finds
 * --pretty), and cmd's usage; AIS_EUSAGE. */
static int
unknown_option(const struct command *cmd, const char *a, size_t n)
{
	const char *names[32];	/* more than any command has */
	const char *s;
	size_t i, k, d = 0;

	for (i = k = 0; cmd->opts[i].name != NULL &&
	    k + 1 < sizeof names / sizeof names[0]; i++)
		names[k++] = cmd->opts[i].name + 2;	/* past "--" */
	names[k] = NULL;
	while (d < n && d < 2 && a[d] == '-')
		d++;
	s = ais_suggest(a + d, n - d, names);
	if (s != NULL)
		return usage_error(cmd, "unknown option '%.*s' (did you mean "
		    "'--%s'?)", (int)n, a, s);
	return usage_error(cmd, "unknown option '%.*s'", (int)n, a);
}

/*
 * Reads the next argument of p: an option of p->cmd (its id, with its
 * value in p->value, NULL for a flag), an operand (ARG_OPERAND, in
 * p->value; "-" is one, and everything after "--"), or ARG_END.
 * --help and -h show the command's help, and a usage error is shown,
 * both with ARG_STOP and the exit status in *rc.
 */
static int
next_arg(struct args *p, int *rc)
{
	const struct cmd_opt *o;
	const char *a, *eq = NULL;
	size_t n;

	if (p->i >= p->argc)
		return ARG_END;
	a = p->argv[p->i++];
	if (p->dashdash || a[0] != '-' || a[1] == '\0') {
		p->value = a;
		return ARG_OPERAND;
	}
	if (strcmp(a, "--") == 0) {
		p->dashdash = 1;
		return next_arg(p, rc);
	}
	if (a[1] == '-')
		eq = strchr(a, '=');
	n = eq != NULL ? (size_t)(eq - a) : strlen(a);
	o = find_option(p->cmd->opts, a, n);
	if (o == NULL && a[1] != '-' && n > 2 &&
	    (o = find_option(p->cmd->opts, a, 2)) != NULL) {
		/* a short option with its value attached: -j4 */
		if (!o->takes_value)
			o = NULL;
		else {
			p->value = a + 2;
			return (int)o->id;
		}
	}
	if (o == NULL) {
		*rc = unknown_option(p->cmd, a, n);
		return ARG_STOP;
	}
	if (!o->takes_value) {
		if (eq != NULL) {
			*rc = usage_error(p->cmd, "option '%s' takes no value",
			    o->name);
			return ARG_STOP;
		}
		if (o->id == OPT_HELP) {
			*rc = print_help(p->cmd);
			if (flush_out() != AIS_OK)
				*rc = AIS_EIO;
			return ARG_STOP;
		}
		p->value = NULL;
		return (int)o->id;
	}
	if (eq != NULL) {
		p->value = eq + 1;
	} else if (p->i < p->argc) {
		p->value = p->argv[p->i++];
	} else {
		*rc = usage_error(p->cmd, "option '%s' needs a value", o->name);
		return ARG_STOP;
	}
	return (int)o->id;
}

/* --lang VALUE into *lang, or a usage error of cmd. */
static int
parse_lang(const struct command *cmd, const char *v, enum ais_lang *lang)
{
	if (strcmp(v, "zh") == 0)
		*lang = AIS_LANG_ZH;
	else if (strcmp(v, "en") == 0)
		*lang = AIS_LANG_EN;
	else
		return usage_error(cmd, "--lang is zh or en, not '%s'", v);
	return AIS_OK;
}

/* --due-within DAYS into o, or a usage error of cmd: DAYS is a whole
 * number of days, 0 or more. */
static int
parse_days(const struct command *cmd, const char *v, struct ais_output_opts *o)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno == ERANGE ||
	    n > 1000000000L)
		return usage_error(cmd, "--due-within needs a number of days, "
		    "0 or more, not '%s'", v);
	o->has_due_within = 1;
	o->due_within = n;
	return AIS_OK;
}

/* The most threads --jobs takes (docs/limits.md). */
#define JOBS_MAX 256

/* --jobs N into *jobs, or a usage error of cmd: N is 1 to JOBS_MAX. */
static int
parse_jobs(const struct command *cmd, const char *v, int *jobs)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno == ERANGE ||
	    n < 1 || n > JOBS_MAX)
		return usage_error(cmd, "--jobs needs a number of threads, 1 "
		    "to %d, not '%s'", JOBS_MAX, v);
	*jobs = (int)n;
	return AIS_OK;
}

/* The threads of a batch without --jobs: one a processor online. */
static int
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > JOBS_MAX ? JOBS_MAX : (int)n;
}

/*
 * Where a command's rules come from: a base directory (--rules, or
 * AISUBSIDY_RULES) or the built-in rules, and the directories loaded on
 * top (AISUBSIDY_ADD_RULES, split at ':', then each --add-rules in turn).
 */
struct rule_source {
	const char *dir;
	AIS_VEC(const char *) add;	/* on the heap */
	char *env;			/* a copy of AISUBSIDY_ADD_RULES */
};

static void
rule_source_init(struct rule_source *rs)
{
	const char *e = getenv("AISUBSIDY_ADD_RULES");
	char *p;

	memset(rs, 0, sizeof *rs);
	rs->dir = getenv("AISUBSIDY_RULES");
	if (rs->dir && !*rs->dir)
		rs->dir = NULL;
	if (!e || !*e)
		return;
	rs->env = ais_xstrdup(e);
	for (p = rs->env; p; ) {
		char *colon = strchr(p, ':');

		if (colon)
			*colon = '\0';
		if (*p)		/* "a::b" and a trailing ':' add nothing */
			*AIS_VEC_PUSH(NULL, rs->add) = p;
		p = colon ? colon + 1 : NULL;
	}
}

/* Takes --rules and --add-rules: 1 when id was one of them. */
static int
rule_source_option(struct rule_source *rs, int id, const char *value)
{
	if (id == OPT_RULES)
		rs->dir = value;
	else if (id == OPT_ADD_RULES)
		*AIS_VEC_PUSH(NULL, rs->add) = value;
	else
		return 0;
	return 1;
}

static struct ais_rules *
rule_source_load(const struct rule_source *rs, struct ais_error *err)
{
	if (rs->add.n == 0)
		return rs->dir ? ais_rules_load_dir(rs->dir, err)
		    : ais_rules_load_builtin(err);
	return ais_rules_load_layers(rs->dir, rs->add.v, rs->add.n, err);
}

/*
 * The rules one profile needs (docs/performance.md, "Start-up that does
 * not grow with the rule set"): when *r was opened for one profile
 * (ais_rules_open), the profile s[0..n) is read once to learn its places
 * and what it names, and those files parsed; when that cannot be told,
 * the whole set is loaded instead.  0, or -1 with the error printed and
 * *rc set.
 */
static int
rules_for_one(struct ais_rules **r, const struct rule_source *rs,
	const char *const *jur, size_t njur, const char *s, size_t n, int *rc)
{
	struct ais_profile p;
	struct ais_error err;
	int k = 1;

	if (!(*r)->pending)
		return 0;
	memset(&err, 0, sizeof err);
	ais_profile_init(&p);
	if (ais_profile_read(&p, *r, s, n, &err) == 0)
		k = ais_rules_need_profile(*r, &p, jur, njur, &err);
	ais_profile_release(&p);
	if (k == 1) {
		ais_rules_free(*r);
		*r = rule_source_load(rs, &err);
		k = *r ? 0 : -1;
	}
	if (k < 0) {
		print_error(NULL, &err);
		*rc = error_status(&err, AIS_ERULES);
		return -1;
	}
	return 0;
}

static void
rule_source_release(struct rule_source *rs)
{
	AIS_VEC_FREE(rs->add);
	free(rs->env);
}

/* The --set PATH=VALUE options of a command (calc, explain), in order;
 * the array on the heap, the texts argv's. */
struct set_args {
	AIS_VEC(const char *) l;
};

struct calc_args {
	struct rule_source rules;
	const char *file;
	struct ais_calc_opts copts;
	struct ais_output_opts oopts;
	int batch;
	AIS_VEC(const char *) jur;	/* --jurisdiction, on the heap */
	int summary;			/* --summary */
	const char *summary_file;	/* --summary-file FILE */
	const char *allocations;	/* pool --allocations FILE */
	int text;			/* --format text */
	int unit_given;			/* --unit */
	struct ais_text_opts topts;	/* the table's */
	int hush;			/* -q, --quiet */
	int strict;			/* --strict */
	struct set_args sets;		/* --set PATH=VALUE */
	struct ais_whatif *whatif;	/* --set, to_qualify, or NULL */
	const char *reform;		/* --reform FILE */
	struct set_args set_terms;	/* --set-term PROGRAM.TERM=VALUE */
	int jobs;			/* --jobs, or 0: default_jobs() */
};

/* --set PATH=VALUE into *sets (calc, explain): a usage error of cmd when
 * it is not PATH=VALUE or its path is not one. */
static int
set_option(const struct command *cmd, const char *v, struct set_args *sets)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_error err;
	const char *one[1];
	int bad;

	one[0] = v;
	memset(&err, 0, sizeof err);
	/* applied to {} only to check it: a path {} cannot have is the
	 * profile's error, not a usage error */
	bad = ais_whatif_apply("{}", 2, one, 1, &b, &err) < 0 &&
	    err.status == AIS_EUSAGE;
	ais_buf_release(&b);
	if (bad)
		return usage_error(cmd, "%s", err.msg);
	*AIS_VEC_PUSH(NULL, sets->l) = v;
	return AIS_OK;
}

/* The what-if session of calc: with --set, and to find what would
 * qualify (one profile in full, or --near-miss); NULL when neither, or
 * when memory runs out (*rc AIS_ENOMEM). */
static struct ais_whatif *
whatif_session(const char *const *sets, size_t nsets, int qualify,
	enum ais_lang lang, int *rc)
{
	struct ais_whatif *w;
	struct ais_error err;

	if (!nsets && !qualify)
		return NULL;
	memset(&err, 0, sizeof err);
	w = ais_whatif_new(sets, nsets, qualify, lang, &err);
	if (!w)
		*rc = out_of_memory();
	return w;
}


/*
 * Issue 13: --set-term PROGRAM.TERM=VALUE into *sets (calc, explain,
 * compare, report): a usage error of cmd when it is not of that form.
 */
static int
set_term_option(const struct command *cmd, const char *v,
	struct set_args *sets)
{
	struct ais_reform *rf = ais_reform_new();
	struct ais_error err;
	int rc = AIS_OK;

	memset(&err, 0, sizeof err);
	if (!rf)
		return out_of_memory();
	if (ais_reform_add_set(rf, v, &err) < 0)
		rc = err.status == AIS_ENOMEM ? out_of_memory() :
		    usage_error(cmd, "%s", err.msg);
	ais_reform_free(rf);
	if (rc == AIS_OK)
		*AIS_VEC_PUSH(NULL, sets->l) = v;
	return rc;
}

/*
 * Issue 13: the rule set base under the reform of file (--reform, or
 * NULL) and the changes of sets[0..nsets) (--set-term), owned by the
 * caller, who frees it before base.  NULL with *status AIS_OK when there
 * is no reform; NULL with the error told and *status its exit status
 * (AIS_ERULES for a reform that does not apply, AIS_EUSAGE for a
 * --set-term not of the form PROGRAM.TERM=VALUE, AIS_ENOMEM) otherwise.
 */
static struct ais_rules *
load_reform(const struct ais_rules *base, const char *file,
	const char *const *sets, size_t nsets, int *status)
{
	struct ais_reform *rf = NULL;
	struct ais_rules *r = NULL;
	struct ais_error err;
	char *data = NULL;
	size_t len = 0, i;

	*status = AIS_OK;
	if (!file && !nsets)
		return NULL;
	memset(&err, 0, sizeof err);
	rf = ais_reform_new();
	if (!rf) {
		*status = out_of_memory();
		return NULL;
	}
	if (file) {
		struct ais_rule_file f;

		if (ais_read_file(file, &data, &len, AIS_ERULES, &err) < 0)
			goto fail;
		f.name = file;
		f.data = data;
		f.len = len;
		f.layer = 0;
		if (ais_reform_read(rf, &f, &err) < 0)
			goto fail;
	}
	for (i = 0; i < nsets; i++)
		if (ais_reform_add_set(rf, sets[i], &err) < 0)
			goto fail;
	r = ais_rules_reform(base, rf, &err);
	if (!r)
		goto fail;
	free(data);
	ais_reform_free(rf);
	return r;
fail:
	print_error(NULL, &err);
	*status = error_status(&err, err.status == AIS_EUSAGE ? AIS_EUSAGE :
	    AIS_ERULES);
	free(data);
	ais_reform_free(rf);
	return NULL;
}

/* Whether text holds several lines that are each one JSON object. */
static int
looks_like_lines(const char *s, size_t n)
{
	size_t i = 0, lines = 0;

	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n) {
		size_t a = i, b;

		while (i < n && s[i] != '\n')
			i++;
		b = i;
		i++;
		while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' ||
		    s[b - 1] == '\r'))
			b--;
		if (a == b)
			continue;
		if (s[a] != '{' || s[b - 1] != '}')
			return 0;
		lines++;
	}
	return lines > 1;
}

/* What a batch run does with each line besides writing its result. */
struct batch_hooks {
	struct ais_tally *tally;	/* --summary, or NULL */
	struct ais_pools *pools;	/* pool, or NULL */
	int quiet;			/* no result lines */
};

/* The input's name in messages. */
static const char *
input_name(const struct calc_args *a)
{
	return strcmp(a->file, "-") == 0 ? "<stdin>" : a->file;
}

/*
 * Evaluates one profile a line from in (ais_batch_run).  Output is
 * flushed after every line when the input is a pipe or a terminal, so
 * that a pipeline sees each result as soon as its profile is read; from
 * a regular file it is read and written in blocks of 64 KiB.
 */
static int
run_batch(const struct ais_rules *r, const struct calc_args *a, FILE *in,
	const struct batch_hooks *h)
{
	struct ais_batch b;
	struct stat st;
	int rc;

	memset(&b, 0, sizeof b);
	b.rules = r;
	b.copts = &a->copts;
	b.oopts = &a->oopts;
	b.name = input_name(a);
	b.tally = h->tally;
	b.pools = h->pools;
	b.quiet = h->quiet;
	b.hush = a->hush;
	b.strict = a->strict;
	b.whatif = a->whatif;
	b.stream = fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode);
	if (!b.stream) {
		/* a file: read it in large pieces (glibc takes the size only
		 * with a buffer; the stream may be stdin, which outlives this
		 * call, so the buffer is static) */
		static char inbuf[1 << 16];

		setvbuf(in, inbuf, _IOFBF, sizeof inbuf);
	}
	b.text = a->text ? &a->topts : NULL;
	/* from a pipe each result as soon as its line is read: one thread,
	 * unless --jobs asks for more (results then come a chunk of lines at
	 * a time) */
	b.jobs = a->jobs > 0 ? a->jobs : b.stream ? 1 : default_jobs();
	rc = ais_batch_run(&b, in, stdout, stderr);
	if (rc == AIS_EIO)
		rc = AIS_OK;	/* flush_out says what failed, or a closed pipe */
	if (flush_out() != AIS_OK)
		return AIS_EIO;
	return rc;
}

/* Writes b to path ("-" is standard output); AIS_OK or AIS_EIO. */
static int
write_to(const char *path, const struct ais_buf *b)
{
	FILE *f;
	int ok;

	struct stat sp, so;

	/* "-", or a name of standard output itself (/dev/stdout when it is
	 * redirected to a file): opening it again would truncate the file */
	if (strcmp(path, "-") == 0 || (stat(path, &sp) == 0 &&
	    fstat(fileno(stdout), &so) == 0 && sp.st_dev == so.st_dev &&
	    sp.st_ino == so.st_ino)) {
		fwrite(b->p, 1, b->len, stdout);
		return flush_out();
	}
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "aisubsidy: unable to write '%s': %s\n", path,
		    strerror(errno));
		return AIS_EIO;
	}
	ok = fwrite(b->p, 1, b->len, f) == b->len;
	ok &= fclose(f) == 0;
	if (!ok) {
		fprintf(stderr, "aisubsidy: unable to write '%s': %s\n", path,
		    strerror(errno));
		return AIS_EIO;
	}
	return AIS_OK;
}

/* --format json|text: *text 0 or 1, or a usage error of cmd. */
static int
parse_format(const struct command *cmd, const char *v, int *text)
{
	if (strcmp(v, "json") == 0)
		*text = 0;
	else if (strcmp(v, "text") == 0)
		*text = 1;
	else
		return usage_error(cmd, "--format is json or text, not '%s'", v);
	return AIS_OK;
}

/* --unit yuan|wan into *u, or a usage error of cmd. */
static int
parse_unit(const struct command *cmd, const char *v, enum ais_text_unit *u)
{
	if (strcmp(v, "yuan") == 0)
		*u = AIS_UNIT_YUAN;
	else if (strcmp(v, "wan") == 0)
		*u = AIS_UNIT_WAN;
	else
		return usage_error(cmd, "--unit is yuan or wan, not '%s'", v);
	return AIS_OK;
}

/*
 * Whether standard output gets colour: a terminal, and NO_COLOR unset or
 * empty (https://no-color.org).  main.c alone looks; the library is told.
 */
static int
want_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	return isatty(fileno(stdout)) && (!nc || !*nc);
}

/* The options of --format text checked against the others, and the
 * table's options set from them (docs/text.md). */
static int
text_options(const struct command *cmd, struct calc_args *a)
{
	if (a->unit_given && !a->text)
		return usage_error(cmd, "--unit is for --format text; JSON "
		    "amounts are always in yuan%s", "");
	if (!a->text)
		return AIS_OK;
	if (a->oopts.mode == AIS_OUT_COMPACT)
		return usage_error(cmd, "--compact is JSON: not with "
		    "--format text%s", "");
	if (a->summary)
		return usage_error(cmd, "--summary writes a JSON line: with "
		    "--format text, use --summary-file FILE%s", "");
	a->topts.lang = a->oopts.lang;
	a->topts.eligible_only = a->oopts.eligible_only;
	a->topts.colour = want_colour();
	/* --due-within DAYS keeps the rows the JSON keeps, and flags the
	 * last days within DAYS (within 30 days without it, or when DAYS is
	 * fewer) */
	a->topts.has_due_within = a->oopts.has_due_within;
	a->topts.due_within = a->oopts.due_within;
	if (a->oopts.has_due_within && a->oopts.due_within > a->topts.flag_days)
		a->topts.flag_days = a->oopts.due_within;
	return AIS_OK;
}

/*
 * calc and pool: both read profiles and evaluate them; calc writes the
 * results, pool shares the budget pools out among them and writes the
 * report.
 */
static int
calc_or_pool(const struct command *cmd, int argc, char **argv, int pool_mode)
{
	struct calc_args a;
	struct ais_rules *r = NULL, *base = NULL;
	struct ais_error err;
	struct ais_tally tally;
	struct ais_pools pools;
	struct batch_hooks hooks;
	struct ais_buf extra = AIS_BUF_INIT;
	struct args p;
	FILE *in = NULL;
	char *data = NULL;
	size_t len = 0;
	int i, id, rc = AIS_OK, rc2 = AIS_OK;

	memset(&a, 0, sizeof a);
	memset(&err, 0, sizeof err);
	memset(&hooks, 0, sizeof hooks);
	a.copts.explain = 1;
	a.copts.as_of = ais_date_today();
	ais_text_opts_init(&a.topts);
	rule_source_init(&a.rules);
	/* the options are those of cmd->opts: pool has fewer */
	args_init(&p, cmd, argc, argv);
	while (rc == AIS_OK && (id = next_arg(&p, &rc)) != ARG_END) {
		switch (id) {
		case ARG_STOP:
			goto out;	/* help shown or usage error: see rc */
		case ARG_OPERAND:
			if (a.file)
				rc = usage_error(cmd, "one input only, not "
				    "also '%s'", p.value);
			else
				a.file = p.value;
			break;
		case OPT_RULES:
		case OPT_ADD_RULES:
			rule_source_option(&a.rules, id, p.value);
			break;
		case OPT_AS_OF:
			if (ais_date_parse(p.value, strlen(p.value),
			    &a.copts.as_of) < 0)
				rc = usage_error(cmd, "--as-of needs a date "
				    "YYYY-MM-DD, not '%s'", p.value);
			break;
		case OPT_JURISDICTION:
			*AIS_VEC_PUSH(NULL, a.jur) = p.value;
			break;
		case OPT_SUMMARY_FILE:
			a.summary_file = p.value;
			break;
		case OPT_ALLOCATIONS:
			a.allocations = p.value;
			break;
		case OPT_LANG:
			rc = parse_lang(cmd, p.value, &a.oopts.lang);
			break;
		case OPT_PRETTY:
			a.oopts.pretty = 1;
			break;
		case OPT_ELIGIBLE_ONLY:
			a.oopts.eligible_only = 1;
			break;
		case OPT_COMPACT:
			a.oopts.mode = AIS_OUT_COMPACT;
			a.copts.explain = 0;
			break;
		case OPT_BATCH:
			a.batch = 1;
			break;
		case OPT_SUMMARY:
			a.summary = 1;
			break;
		case OPT_FORMAT:
			rc = parse_format(cmd, p.value, &a.text);
			break;
		case OPT_UNIT:
			rc = parse_unit(cmd, p.value, &a.topts.unit);
			a.unit_given = 1;
			break;
		case OPT_QUIET:
			a.hush = 1;
			break;
		case OPT_STRICT:
			a.strict = 1;
			break;
		case OPT_DUE_WITHIN:
			rc = parse_days(cmd, p.value, &a.oopts);
			break;
		case OPT_SET:
			rc = set_option(cmd, p.value, &a.sets);
			break;
		case OPT_NEAR_MISS:
			a.oopts.near_miss = 1;
			break;
		case OPT_REFORM:
			a.reform = p.value;
			break;
		case OPT_SET_TERM:
			rc = set_term_option(cmd, p.value, &a.set_terms);
			break;
		case OPT_JOBS:
			rc = parse_jobs(cmd, p.value, &a.jobs);
			break;
		default:
			assert(!"an option of cmd->opts without a case");
			break;
		}
	}
	if (rc != AIS_OK)
		goto out;
	rc = text_options(cmd, &a);
	if (rc != AIS_OK)
		goto out;
	if (!a.file) {
		rc = usage_error(cmd, "%s needs a profile FILE, or - for "
		    "standard input", cmd->name);
		goto out;
	}
	/* one profile: only the rules it needs are parsed (not with what
	 * reads them all: pools, a summary, what-if settings, a reform); the
	 * input is read first to tell (AISUBSIDY_FULL_LOAD=1: every file, to
	 * compare) */
	if (!pool_mode && !a.batch && !a.summary && !a.summary_file &&
	    a.sets.l.n == 0 && !a.reform && a.set_terms.l.n == 0 &&
	    !getenv("AISUBSIDY_FULL_LOAD") &&
	    ais_read_file(a.file, &data, &len, AIS_EPROFILE, &err) == 0 &&
	    !looks_like_lines(data, len))
		r = ais_rules_open(a.rules.dir, a.rules.add.v, a.rules.add.n,
		    &err);
	else
		r = rule_source_load(&a.rules, &err);
	if (!r) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_ERULES);
		goto out;
	}
	{
		/* --reform, --set-term: r is the reform's, over base */
		struct ais_rules *rr = load_reform(r, a.reform,
		    a.set_terms.l.v, a.set_terms.l.n, &rc);

		if (rc != AIS_OK)
			goto out;
		if (rr) {
			base = r;
			r = rr;
		}
	}
	for (i = 0; (size_t)i < a.jur.n; i++)
		if (!ais_rules_find(r, a.jur.v[i], strlen(a.jur.v[i]))) {
			fprintf(stderr, "aisubsidy: --jurisdiction '%s' is not "
			    "in the rules\n", a.jur.v[i]);
			rc = AIS_EUSAGE;
			goto out;
		}
	a.copts.jurisdictions = a.jur.v;
	a.copts.njurisdictions = a.jur.n;
	if (pool_mode) {
		/* the pools need figures only, not their explanation */
		a.copts.explain = 0;
		a.batch = 1;
		if (ais_pools_init(&pools, r, a.copts.as_of) < 0) {
			rc = out_of_memory();
			goto out;
		}
		hooks.pools = &pools;
		hooks.quiet = 1;
	}
	if (a.summary || a.summary_file) {
		if (ais_tally_init(&tally, r) < 0) {
			rc = out_of_memory();
			goto out;
		}
		hooks.tally = &tally;
	}
	if (!a.batch) {
		if (!data && ais_read_file(a.file, &data, &len, AIS_EPROFILE,
		    &err) < 0) {
			print_error(NULL, &err);
			rc = error_status(&err, AIS_EPROFILE);
			goto out;
		}
		a.batch = looks_like_lines(data, len);
	}
	if (!pool_mode) {
		/* to_qualify: one profile in full by default, else with
		 * --near-miss */
		a.whatif = whatif_session(a.sets.l.v, a.sets.l.n, a.oopts.near_miss ||
		    (!a.batch && a.oopts.mode == AIS_OUT_FULL), a.oopts.lang,
		    &rc);
		if (rc != AIS_OK)
			goto out;
		a.oopts.what_if = a.whatif;
		a.topts.what_if = a.whatif;
	}
	if (a.batch) {
		in = data ? fmemopen(data, len, "rb") :
		    strcmp(a.file, "-") == 0 ? stdin : fopen(a.file, "rb");
		if (!in) {
			fprintf(stderr, "aisubsidy: unable to open '%s': %s\n",
			    a.file, strerror(errno));
			rc = AIS_EPROFILE;
			goto out;
		}
		rc = run_batch(r, &a, in, &hooks);
		if (in != stdin)
			fclose(in);
	} else {
		struct ais_profile p;
		struct ais_result res;
		struct ais_buf out = AIS_BUF_INIT;
		struct ais_batch b;
		const char *s = data;
		size_t n = len;

		ais_profile_init(&p);
		ais_result_init(&res);
		if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
		if (rules_for_one(&r, &a.rules, a.jur.v, a.jur.n, s, n,
		    &rc) < 0)
			goto out;
		memset(&b, 0, sizeof b);
		b.rules = r;
		b.copts = &a.copts;
		b.oopts = &a.oopts;
		b.name = input_name(&a);
		b.hush = a.hush;
		b.strict = a.strict;
		b.whatif = a.whatif;
		rc = a.text ? ais_text_one(&b, &a.topts, &p, &res, s, n, &out,
		    stderr) : ais_batch_one(&b, &p, &res, s, n, 0, &out, stderr);
		if (hooks.tally) {
			if (rc == AIS_OK)
				ais_tally_add(hooks.tally, &res);
			else
				ais_tally_reject(hooks.tally);
		}
		if (out.len)
			fwrite(out.p, 1, out.len, stdout);
		ais_buf_release(&out);
		ais_profile_release(&p);
		ais_result_release(&res);
		if (flush_out() != AIS_OK)
			rc = AIS_EIO;
	}
	if (pool_mode && rc == AIS_ENOMEM) {
		/* the pools lack what memory could not hold: no report */
	} else if (pool_mode) {
		if (ais_pools_allocate(&pools) < 0 ||
		    ais_pools_write_report(&pools, a.oopts.pretty, &extra) < 0)
			rc2 = out_of_memory();
		else
			rc2 = write_to("-", &extra);
		if (a.allocations && rc2 == AIS_OK) {
			ais_buf_reset(&extra);
			if (ais_pools_write_claims(&pools, &extra) < 0)
				rc2 = out_of_memory();
			else
				rc2 = write_to(a.allocations, &extra);
		}
	}
	if (hooks.tally) {
		ais_buf_reset(&extra);
		if (rc2 == AIS_OK && ais_tally_write(&tally, a.oopts.pretty,
		    &extra) < 0)
			rc2 = out_of_memory();
		if (rc2 == AIS_OK)
			rc2 = write_to(a.summary_file ? a.summary_file : "-",
			    &extra);
	}
	if (rc2 != AIS_OK)
		rc = rc2;
out:
	if (hooks.pools)
		ais_pools_release(&pools);
	if (hooks.tally)
		ais_tally_release(&tally);
	ais_buf_release(&extra);
	free(data);
	ais_whatif_free(a.whatif);
	ais_rules_free(r);
	ais_rules_free(base);
	AIS_VEC_FREE(a.jur);
	AIS_VEC_FREE(a.sets.l);
	AIS_VEC_FREE(a.set_terms.l);
	rule_source_release(&a.rules);
	return rc;
}

static int
cmd_calc(const struct command *cmd, int argc, char **argv)
{
	return calc_or_pool(cmd, argc, argv, 0);
}

static int
cmd_pool(const struct command *cmd, int argc, char **argv)
{
	return calc_or_pool(cmd, argc, argv, 1);
}

/* --top N into *top (1 or more), or a usage error of cmd. */
static int
parse_top(const struct command *cmd, const char *v, size_t *top)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (v[0] < '0' || v[0] > '9' || *end != '\0' || errno == ERANGE ||
	    n < 1 || n > 1000000000L)
		return usage_error(cmd, "--top needs a number, 1 or more, not "
		    "'%s'", v);
	*top = (size_t)n;
	return AIS_OK;
}

/*
 * compare and report: the profiles of FILE under the rules and a reform
 * (ais_compare_run; for report, the baseline alone without --reform or
 * --set-term), the report on standard output as JSON (compare) or as a
 * page (report, page set: ais_report_html).  A rejected profile is told
 * and counted in the report, which is still written (exit status 1).
 * Each command's table of options says which of the options below it
 * takes (--changes and --pretty compare's, --lang report's).
 */
static int
run_population(const struct command *cmd, int argc, char **argv, int page)
{
	struct rule_source rs;
	struct ais_compare_opts o;
	struct ais_calc_opts co;
	struct ais_rules *r = NULL, *rf = NULL;
	struct ais_error err;
	struct ais_buf out = AIS_BUF_INIT, html = AIS_BUF_INIT;
	AIS_VEC(const char *) jur = AIS_VEC_INIT;
	struct set_args sets = {AIS_VEC_INIT};	/* --set-term */
	enum ais_lang lang = AIS_LANG_ZH;
	const char *file = NULL, *reform = NULL, *changes = NULL;
	FILE *in = NULL, *cf = NULL;
	struct args p;
	size_t i;
	int id, rc = AIS_OK, rc2;

	memset(&o, 0, sizeof o);
	memset(&co, 0, sizeof co);
	memset(&err, 0, sizeof err);
	co.as_of = ais_date_today();
	o.top = 10;
	o.jobs = default_jobs();	/* a pipe too: the report comes at the end */
	rule_source_init(&rs);
	args_init(&p, cmd, argc, argv);
	while (rc == AIS_OK && (id = next_arg(&p, &rc)) != ARG_END) {
		switch (id) {
		case ARG_STOP:
			goto out;	/* help shown or usage error: see rc */
		case ARG_OPERAND:
			if (file)
				rc = usage_error(cmd, "one input only, not "
				    "also '%s'", p.value);
			else
				file = p.value;
			break;
		case OPT_RULES:
		case OPT_ADD_RULES:
			rule_source_option(&rs, id, p.value);
			break;
		case OPT_AS_OF:
			if (ais_date_parse(p.value, strlen(p.value),
			    &co.as_of) < 0)
				rc = usage_error(cmd, "--as-of needs a date "
				    "YYYY-MM-DD, not '%s'", p.value);
			break;
		case OPT_JURISDICTION:
			*AIS_VEC_PUSH(NULL, jur) = p.value;
			break;
		case OPT_REFORM:
			reform = p.value;
			break;
		case OPT_SET_TERM:
			rc = set_term_option(cmd, p.value, &sets);
			break;
		case OPT_CHANGES:
			changes = p.value;
			break;
		case OPT_TOP:
			rc = parse_top(cmd, p.value, &o.top);
			break;
		case OPT_JOBS:
			rc = parse_jobs(cmd, p.value, &o.jobs);
			break;
		case OPT_PRETTY:
			o.pretty = 1;
			break;
		case OPT_LANG:
			rc = parse_lang(cmd, p.value, &lang);
			break;
		default:
			assert(!"an option of cmd->opts without a case");
			break;
		}
	}
	if (rc != AIS_OK)
		goto out;
	if (!page && !reform && sets.l.n == 0) {
		rc = usage_error(cmd, "compare needs a reform: --reform FILE "
		    "or --set-term PROGRAM.TERM=VALUE");
		goto out;
	}
	if (!file) {
		rc = usage_error(cmd, "%s needs a profile FILE, or - for "
		    "standard input", cmd->name);
		goto out;
	}
	r = rule_source_load(&rs, &err);
	if (!r) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_ERULES);
		goto out;
	}
	for (i = 0; i < jur.n; i++)
		if (!ais_rules_find(r, jur.v[i], strlen(jur.v[i]))) {
			fprintf(stderr, "aisubsidy: --jurisdiction '%s' is not "
			    "in the rules\n", jur.v[i]);
			rc = AIS_EUSAGE;
			goto out;
		}
	co.jurisdictions = jur.v;
	co.njurisdictions = jur.n;
	/* NULL and AIS_OK without a reform: the baseline alone (report) */
	rf = load_reform(r, reform, sets.l.v, sets.l.n, &rc);
	if (rc != AIS_OK)
		goto out;
	in = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
	if (!in) {
		fprintf(stderr, "aisubsidy: unable to open '%s': %s\n", file,
		    strerror(errno));
		rc = AIS_EPROFILE;
		goto out;
	}
	{
		/* a file: read in large pieces, as run_batch reads it */
		static char inbuf[1 << 16];
		struct stat st;

		if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
			setvbuf(in, inbuf, _IOFBF, sizeof inbuf);
	}
	if (changes) {
		cf = strcmp(changes, "-") == 0 ? stdout : fopen(changes, "wb");
		if (!cf) {
			fprintf(stderr, "aisubsidy: unable to write '%s': %s\n",
			    changes, strerror(errno));
			rc = AIS_EIO;
			goto out;
		}
	}
	o.base = r;
	o.reform = rf;
	o.copts = &co;
	o.name = in == stdin ? "<stdin>" : file;
	o.changes = cf;
	rc = ais_compare_run(&o, in, &out, stderr);
	if (rc == AIS_EIO && cf)
		fprintf(stderr, "aisubsidy: unable to write '%s': %s\n",
		    changes, strerror(errno));
	if (cf && cf != stdout && fclose(cf) != 0 && rc != AIS_EIO) {
		fprintf(stderr, "aisubsidy: unable to write '%s': %s\n",
		    changes, strerror(errno));
		rc = AIS_EIO;
	}
	cf = NULL;
	if (page && rc != AIS_OK && rc != AIS_EPROFILE)
		goto out;	/* told by ais_compare_run */
	if (page && ais_report_html(out.p, out.len, lang, &html, &err) < 0) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_EIO);
		goto out;
	}
	if (page ? html.len : out.len) {
		fwrite(page ? html.p : out.p, 1, page ? html.len : out.len,
		    stdout);
		rc2 = flush_out();
		if (rc2 != AIS_OK)
			rc = rc2;
	}
out:
	if (cf && cf != stdout)
		fclose(cf);
	if (in && in != stdin)
		fclose(in);
	ais_buf_release(&html);
	ais_buf_release(&out);
	ais_rules_free(rf);
	ais_rules_free(r);
	AIS_VEC_FREE(jur);
	AIS_VEC_FREE(sets.l);
	rule_source_release(&rs);
	return rc;
}

/* compare: the report of a reform's budget impact, as JSON. */
static int
cmd_compare(const struct command *cmd, int argc, char **argv)
{
	return run_population(cmd, argc, argv, 0);
}

static int
cmd_test(const struct command *cmd, int argc, char **argv)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_ruletest_stats st;
	struct ais_rules *r;
	struct ais_error err;
	struct args p;
	struct ais_ruletest_opts o;
	struct ais_buf junit = AIS_BUF_INIT;
	const char *dir = NULL, *junit_file = NULL;
	FILE *out = stdout;
	int id, rc = AIS_OK;

	memset(&err, 0, sizeof err);
	memset(&o, 0, sizeof o);
	o.lang = AIS_LANG_EN;
	args_init(&p, cmd, argc, argv);
	while ((id = next_arg(&p, &rc)) != ARG_END) {
		if (id == ARG_STOP)
			return rc;
		if (id == OPT_VERBOSE)
			o.verbose = 1;
		else if (id == OPT_FILTER)
			o.filter = p.value;
		else if (id == OPT_JUNIT)
			junit_file = p.value;
		else if (id == OPT_LANG) {
			if (parse_lang(cmd, p.value, &o.lang) != AIS_OK)
				return AIS_EUSAGE;
		} else if (!p.dashdash && strcmp(p.value, "-") == 0)
			/* no standard input here: a directory is read */
			return unknown_option(cmd, "-", 1);
		else if (dir)
			return usage_error(cmd, "one directory only, not also "
			    "'%s'", p.value);
		else
			dir = p.value;
	}
	r = dir ? ais_rules_load_dir(dir, &err) : ais_rules_load_builtin(&err);
	if (!r) {
		print_error(NULL, &err);
		return error_status(&err, AIS_ERULES);
	}
	if (dir) {
		struct ais_buf tdir = AIS_BUF_INIT;

		ais_buf_addf(&tdir, "%s/tests", dir);
		if (ais_rule_files_read(tdir.p, &files, &err) < 0) {
			print_error(NULL, &err);
			ais_buf_release(&tdir);
			ais_rule_files_release(&files);
			ais_rules_free(r);
			return error_status(&err, AIS_ERULES);
		}
		ais_buf_release(&tdir);
	} else {
		ais_rule_files_builtin("rules/tests/", &files);
	}
	if (junit_file) {
		o.junit = &junit;
		/* the XML alone on standard output: the report beside it */
		if (strcmp(junit_file, "-") == 0)
			out = stderr;
	}
	rc = ais_ruletest_run_opts(r, files.f.v, files.f.n, &o, out, &st,
	    &err);
	if (rc < 0) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_ERULES);
	} else {
		const char *what = dir ? dir : o.lang == AIS_LANG_EN ?
		    "built-in rules" : "内置规则";
		size_t ran = st.passed + st.failed;

		if (!o.filter && o.lang == AIS_LANG_EN)
			fprintf(out, "%s: %zu of %zu programs have tests\n",
			    what, st.programs_tested, st.programs);
		else if (!o.filter)
			fprintf(out, "%s：%zu个项目中有%zu个有测试\n", what,
			    st.programs, st.programs_tested);
		else if (o.lang == AIS_LANG_EN)
			fprintf(out, "%s: %zu of %zu cases match --filter "
			    "'%s'\n", what, ran, ran + st.skipped, o.filter);
		else
			fprintf(out, "%s：%zu个用例中有%zu个符合 --filter "
			    "'%s'\n", what, ran + st.skipped, ran, o.filter);
		fprintf(out, o.lang == AIS_LANG_EN ? "%zu passed, %zu failed\n" :
		    "通过%zu个，失败%zu个\n", st.passed, st.failed);
		rc = st.failed || (!o.filter && st.programs_tested <
		    st.programs) || (o.filter && st.passed + st.failed == 0) ?
		    AIS_EIO : AIS_OK;
		if (junit_file && write_to(junit_file, &junit) != AIS_OK)
			rc = AIS_EIO;
	}
	ais_buf_release(&junit);
	ais_rule_files_release(&files);
	ais_rules_free(r);
	if (flush_out() != AIS_OK)
		rc = AIS_EIO;
	return rc;
}

static int
cmd_programs(const struct command *cmd, int argc, char **argv)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_rules *r = NULL;
	struct ais_error err;
	struct rule_source rs;
	struct args p;
	enum ais_lang lang = AIS_LANG_ZH;
	int id, rc = AIS_OK;

	memset(&err, 0, sizeof err);
	rule_source_init(&rs);
	args_init(&p, cmd, argc, argv);
	while ((id = next_arg(&p, &rc)) != ARG_END) {
		if (id == ARG_STOP)
			goto out;
		if (rule_source_option(&rs, id, p.value))
			continue;
		if (id == OPT_LANG && parse_lang(cmd, p.value, &lang) != 0) {
			rc = AIS_EUSAGE;
			goto out;
		}
		if (id == ARG_OPERAND) {
			rc = usage_error(cmd, "programs takes only --rules DIR, "
			    "--add-rules DIR and --lang zh|en, not '%s'",
			    p.value);
			goto out;
		}
	}
	r = rule_source_load(&rs, &err);
	if (!r) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_ERULES);
		goto out;
	}
	if (ais_catalog_write(r, lang, &b) < 0) {
		rc = out_of_memory();
	} else {
		fwrite(b.p, 1, b.len, stdout);
		rc = flush_out();
	}
out:
	ais_buf_release(&b);
	ais_rules_free(r);
	rule_source_release(&rs);
	return rc;
}

/* The subcommands of rules, and the options each takes (bits of enum
 * opt_id). */
#define OPT_BIT(id) (1u << (id))
static const struct {
	const char *name;
	unsigned opts;
} rules_subs[] = {
	{"list", OPT_BIT(OPT_RULES) | OPT_BIT(OPT_ADD_RULES) |
	    OPT_BIT(OPT_JURISDICTION) | OPT_BIT(OPT_AS_OF) | OPT_BIT(OPT_LANG) |
	    OPT_BIT(OPT_FORMAT)},
	{"show", OPT_BIT(OPT_RULES) | OPT_BIT(OPT_ADD_RULES) |
	    OPT_BIT(OPT_LANG) | OPT_BIT(OPT_FORMAT)},
	{"check", OPT_BIT(OPT_RULES) | OPT_BIT(OPT_ADD_RULES) |
	    OPT_BIT(OPT_AS_OF) | OPT_BIT(OPT_LANG) | OPT_BIT(OPT_CHECK_STRICT)},
	{"ids", OPT_BIT(OPT_RULES) | OPT_BIT(OPT_ADD_RULES)},
	{NULL, 0}
};

/* rules list|show|check|ids: the logic is in rulestool.c. */
static int
cmd_rules(const struct command *cmd, int argc, char **argv)
{
	struct ais_buf b = AIS_BUF_INIT, msg = AIS_BUF_INIT;
	struct ais_rules *r = NULL;
	struct ais_error err;
	struct rule_source rs;
	struct args p;
	AIS_VEC(const char *) jur = AIS_VEC_INIT;
	enum ais_lang lang = AIS_LANG_ZH;
	enum ais_rules_format format = AIS_RULES_TEXT;
	const char *sub = NULL, *operand = NULL, *format_text = NULL;
	const char *names[8];
	ais_date as_of = ais_date_today();
	unsigned given = 0;
	int id, rc = AIS_OK, strict = 0, s;
	size_t i;

	memset(&err, 0, sizeof err);
	rule_source_init(&rs);
	args_init(&p, cmd, argc, argv);
	while (rc == AIS_OK && (id = next_arg(&p, &rc)) != ARG_END) {
		if (id == ARG_STOP)
			goto out;
		if (id == ARG_OPERAND) {
			if (!sub)
				sub = p.value;
			else if (operand)
				rc = usage_error(cmd, "one operand only, not "
				    "also '%s'", p.value);
			else
				operand = p.value;
			continue;
		}
		rule_source_option(&rs, id, p.value);
		switch (id) {
		case OPT_JURISDICTION:
			*AIS_VEC_PUSH(NULL, jur) = p.value;
			break;
		case OPT_AS_OF:
			if (ais_date_parse(p.value, strlen(p.value), &as_of) < 0)
				rc = usage_error(cmd, "--as-of needs a date "
				    "YYYY-MM-DD, not '%s'", p.value);
			break;
		case OPT_LANG:
			rc = parse_lang(cmd, p.value, &lang);
			break;
		case OPT_FORMAT:
			format_text = p.value;
			break;
		case OPT_CHECK_STRICT:
			strict = 1;
			break;
		default:
			break;
		}
		given |= OPT_BIT(id);
	}
	if (rc != AIS_OK)
		goto out;
	for (i = 0; rules_subs[i].name; i++)
		names[i] = rules_subs[i].name;
	names[i] = NULL;
	for (s = 0; sub && rules_subs[s].name; s++)
		if (strcmp(rules_subs[s].name, sub) == 0)
			break;
	if (!sub || !rules_subs[s].name) {
		const char *near = sub ? ais_suggest(sub, strlen(sub), names) :
		    NULL;

		if (!sub)
			rc = usage_error(cmd, "rules needs list, show, check "
			    "or ids");
		else if (near)
			rc = usage_error(cmd, "unknown subcommand '%s' (did you "
			    "mean '%s'?)", sub, near);
		else
			rc = usage_error(cmd, "unknown subcommand '%s': list, "
			    "show, check or ids", sub);
		goto out;
	}
	for (i = 0; rules_opts[i].name; i++)
		if ((given & OPT_BIT(rules_opts[i].id)) &&
		    !(rules_subs[s].opts & OPT_BIT(rules_opts[i].id))) {
			rc = usage_error(cmd, "rules %s takes no %s", sub,
			    rules_opts[i].name);
			goto out;
		}
	if (format_text) {
		if (strcmp(format_text, "json") == 0)
			format = AIS_RULES_JSON;
		else if (strcmp(format_text, "ids") == 0 && s == 0)
			format = AIS_RULES_IDS;
		else if (strcmp(format_text, "text") != 0) {
			rc = usage_error(cmd, "--format of rules %s is %s, not "
			    "'%s'", sub, s == 0 ? "text, json or ids" :
			    "text or json", format_text);
			goto out;
		}
	}
	if (s == 2) {		/* check [DIR]: DIR is --rules DIR */
		struct ais_rules_check_opts co;
		struct ais_rules_check_stats st;

		if (operand && (given & OPT_BIT(OPT_RULES))) {
			rc = usage_error(cmd, "rules check takes DIR or --rules "
			    "DIR, not both");
			goto out;
		}
		co.as_of = as_of;
		co.lang = lang;
		if (ais_rules_check(operand ? operand : rs.dir, rs.add.v,
		    rs.add.n, &co, &b, &st, &err) < 0) {
			print_error(NULL, &err);
			rc = error_status(&err, AIS_ERULES);
			goto out;
		}
		fwrite(b.p, 1, b.len, stdout);
		rc = flush_out();
		if (rc == AIS_OK && strict && st.warnings)
			rc = AIS_EPROFILE;
		goto out;
	}
	if (s == 1 && !operand) {
		rc = usage_error(cmd, "rules show needs a program or "
		    "jurisdiction ID");
		goto out;
	}
	if (s == 0 && operand) {
		rc = usage_error(cmd, "rules list takes no operand, not '%s'",
		    operand);
		goto out;
	}
	if (s == 3 && operand && strcmp(operand, "programs") != 0 &&
	    strcmp(operand, "jurisdictions") != 0) {
		rc = usage_error(cmd, "rules ids lists 'programs' or "
		    "'jurisdictions', not '%s'", operand);
		goto out;
	}
	r = rule_source_load(&rs, &err);
	if (!r) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_ERULES);
		goto out;
	}
	if (s == 0) {
		struct ais_rules_list_opts lo;

		for (i = 0; i < jur.n; i++)
			if (!ais_rules_known_jurisdiction(r, jur.v[i], &msg)) {
				fprintf(stderr, "aisubsidy: %s\n", msg.p);
				rc = AIS_EUSAGE;
				goto out;
			}
		lo.as_of = as_of;
		lo.lang = lang;
		lo.format = format;
		lo.jurisdictions = jur.v;
		lo.njurisdictions = jur.n;
		if (ais_rules_list(r, &lo, &b) < 0) {
			rc = out_of_memory();
			goto out;
		}
	} else if (s == 1) {
		int found = ais_rules_show(r, operand, lang, format, &b);

		if (found < 0) {
			rc = out_of_memory();
			goto out;
		}
		if (!found) {
			ais_rules_unknown_id(r, operand, &msg);
			fprintf(stderr, "aisubsidy: %s\n", msg.p);
			rc = AIS_EUSAGE;
			goto out;
		}
	} else if (ais_rules_ids(r, operand && strcmp(operand,
	    "jurisdictions") == 0, &b) < 0) {
		rc = out_of_memory();
		goto out;
	}
	fwrite(b.p, 1, b.len, stdout);
	rc = flush_out();
out:
	ais_buf_release(&b);
	ais_buf_release(&msg);
	AIS_VEC_FREE(jur);
	ais_rules_free(r);
	rule_source_release(&rs);
	return rc;
}

/* schema profile|result: the contract of the input or of the output. */
static int
cmd_schema(const struct command *cmd, int argc, char **argv)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_rules *r = NULL;
	struct ais_error err;
	struct rule_source rs;
	struct args p;
	enum ais_lang lang = AIS_LANG_ZH;
	const char *what = NULL;
	int id, rc = AIS_OK, markdown = 0;
	size_t i;

	memset(&err, 0, sizeof err);
	rule_source_init(&rs);
	args_init(&p, cmd, argc, argv);
	while ((id = next_arg(&p, &rc)) != ARG_END) {
		if (id == ARG_STOP)
			goto out;
		if (rule_source_option(&rs, id, p.value))
			continue;
		if (id == OPT_LANG && parse_lang(cmd, p.value, &lang) != 0) {
			rc = AIS_EUSAGE;
			goto out;
		}
		if (id == OPT_FORMAT) {
			if (strcmp(p.value, "markdown") == 0) {
				markdown = 1;
			} else if (strcmp(p.value, "json") != 0) {
				rc = usage_error(cmd, "--format is json or "
				    "markdown, not '%s'", p.value);
				goto out;
			}
		}
		if (id == ARG_OPERAND) {
			if (what) {
				rc = usage_error(cmd, "one schema only, not also "
				    "'%s'", p.value);
				goto out;
			}
			what = p.value;
		}
	}
	if (!what || (strcmp(what, "profile") != 0 &&
	    strcmp(what, "result") != 0)) {
		rc = usage_error(cmd, what ? "schema prints 'profile' or "
		    "'result', not '%s'" : "schema needs 'profile' or "
		    "'result'%s", what ? what : "");
		goto out;
	}
	if (strcmp(what, "result") == 0) {
		if (markdown) {
			rc = usage_error(cmd, "the result is documented in "
			    "docs/result.md; its schema is JSON only%s", "");
			goto out;
		}
		for (i = 0; i < ais_builtin_nfiles; i++)
			if (strcmp(ais_builtin_files[i].name,
			    "schema/result.schema.json") == 0)
				fwrite(ais_builtin_files[i].data, 1,
				    ais_builtin_files[i].len, stdout);
		rc = flush_out();
		goto out;
	}
	r = rule_source_load(&rs, &err);
	if (!r) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_ERULES);
		goto out;
	}
	if (markdown)
		ais_contract_markdown(r, lang, &b);
	else
		ais_contract_json_schema(r, &b);
	fwrite(b.p, 1, b.len, stdout);
	rc = flush_out();
out:
	ais_buf_release(&b);
	ais_rules_free(r);
	rule_source_release(&rs);
	return rc;
}

/*
 * explain PROGRAM FILE: one program's evaluation for one profile, step by
 * step, as text (src/explain.c).
 */
static int
cmd_explain(const struct command *cmd, int argc, char **argv)
{
	struct ais_buf out = AIS_BUF_INIT;
	struct ais_rules *r = NULL;
	struct ais_profile prof;
	struct ais_result res;
	struct ais_error err;
	struct ais_calc_opts co;
	struct rule_source rs;
	struct args p;
	AIS_VEC(const char *) jur = AIS_VEC_INIT;
	AIS_VEC(const char *) sets = AIS_VEC_INIT;	/* --set */
	struct set_args set_terms = {AIS_VEC_INIT};	/* --set-term */
	struct ais_rules *base = NULL;
	const char *reform = NULL;
	struct ais_buf changed = AIS_BUF_INIT;
	const struct ais_program *pg;
	enum ais_lang lang = AIS_LANG_ZH;
	const char *program = NULL, *file = NULL, *name, *s;
	char *data = NULL;
	size_t len = 0, i;
	int id, rc = AIS_OK;

	memset(&err, 0, sizeof err);
	memset(&co, 0, sizeof co);
	co.as_of = ais_date_today();
	co.explain = 1;
	ais_profile_init(&prof);
	ais_result_init(&res);
	rule_source_init(&rs);
	args_init(&p, cmd, argc, argv);
	while (rc == AIS_OK && (id = next_arg(&p, &rc)) != ARG_END) {
		if (id == ARG_STOP)
			goto out;
		if (rule_source_option(&rs, id, p.value))
			continue;
		switch (id) {
		case OPT_LANG:
			rc = parse_lang(cmd, p.value, &lang);
			break;
		case OPT_AS_OF:
			if (ais_date_parse(p.value, strlen(p.value), &co.as_of) < 0)
				rc = usage_error(cmd, "--as-of needs a date "
				    "YYYY-MM-DD, not '%s'", p.value);
			break;
		case OPT_JURISDICTION:
			*AIS_VEC_PUSH(NULL, jur) = p.value;
			break;
		case OPT_SET:
			/* applied to the profile's text below */
			*AIS_VEC_PUSH(NULL, sets) = p.value;
			break;
		case OPT_REFORM:
			reform = p.value;
			break;
		case OPT_SET_TERM:
			rc = set_term_option(cmd, p.value, &set_terms);
			break;
		case ARG_OPERAND:
			if (!program)
				program = p.value;
			else if (!file)
				file = p.value;
			else
				rc = usage_error(cmd, "explain takes a PROGRAM and "
				    "one FILE, not also '%s'", p.value);
			break;
		default:
			assert(!"an option of cmd->opts without a case");
			break;
		}
	}
	if (rc != AIS_OK)
		goto out;
	if (!file) {
		rc = usage_error(cmd, "explain needs a PROGRAM and a profile "
		    "FILE, or - for standard input%s", "");
		goto out;
	}
	r = rule_source_load(&rs, &err);
	if (!r) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_ERULES);
		goto out;
	}
	{
		/* --reform, --set-term: r is the reform's, over base */
		struct ais_rules *rr = load_reform(r, reform, set_terms.l.v,
		    set_terms.l.n, &rc);

		if (rc != AIS_OK)
			goto out;
		if (rr) {
			base = r;
			r = rr;
		}
	}
	pg = ais_program_find(r, program);
	if (!pg) {
		const char *sug = ais_suggest(program, strlen(program),
		    r->program_ids);

		if (sug)
			rc = usage_error(cmd, "unknown program '%s' (did you "
			    "mean '%s'?)", program, sug);
		else
			rc = usage_error(cmd, "unknown program '%s' (aisubsidy "
			    "programs lists them)", program);
		goto out;
	}
	for (i = 0; i < jur.n; i++)
		if (!ais_rules_find(r, jur.v[i], strlen(jur.v[i]))) {
			fprintf(stderr, "aisubsidy: --jurisdiction '%s' is not "
			    "in the rules\n", jur.v[i]);
			rc = AIS_EUSAGE;
			goto out;
		}
	co.jurisdictions = jur.v;
	co.njurisdictions = jur.n;
	if (ais_read_file(file, &data, &len, AIS_EPROFILE, &err) < 0) {
		print_error(NULL, &err);
		rc = error_status(&err, AIS_EPROFILE);
		goto out;
	}
	if (looks_like_lines(data, len)) {
		rc = usage_error(cmd, "explain takes one profile, and '%s' "
		    "has one a line", file);
		goto out;
	}
	s = data;
	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	name = strcmp(file, "-") == 0 ? "<stdin>" : file;
	if (sets.n) {
		/* --set: the program explained for the changed profile */
		if (ais_whatif_apply(s, len, sets.v, sets.n, &changed,
		    &err) < 0) {
			if (err.status == AIS_EUSAGE)
				rc = usage_error(cmd, "%s", err.msg);
			else {
				ais_error_print(stderr, err.status ==
				    AIS_ENOMEM ? NULL : name, &err);
				rc = error_status(&err, AIS_EPROFILE);
			}
			goto out;
		}
		s = changed.p;
		len = changed.len;
	}
	if (ais_profile_read(&prof, r, s, len, &err) < 0 ||
	    ais_explain(r, pg, &prof, s, len, &co, lang, &res, &out,
	    &err) < 0) {
		ais_error_print(stderr, err.status == AIS_ENOMEM ? NULL : name,
		    &err);
		rc = error_status(&err, AIS_EPROFILE);
		goto out;
	}
	fwrite(out.p, 1, out.len, stdout);
	rc = flush_out();
out:
	ais_buf_release(&out);
	ais_buf_release(&changed);
	ais_result_release(&res);
	ais_profile_release(&prof);
	free(data);
	ais_rules_free(r);
	ais_rules_free(base);
	AIS_VEC_FREE(jur);
	AIS_VEC_FREE(sets);
	AIS_VEC_FREE(set_terms.l);
	rule_source_release(&rs);
	return rc;
}

/* help [COMMAND]: COMMAND --help, or without one aisubsidy --help. */
static int
cmd_help(const struct command *cmd, int argc, char **argv)
{
	const struct command *c = &main_cmd;
	const char *name = NULL;
	struct args p;
	int id, rc = AIS_OK;

	args_init(&p, cmd, argc, argv);
	while ((id = next_arg(&p, &rc)) != ARG_END) {
		if (id == ARG_STOP)
			return rc;
		if (name)	/* an operand: help has no other option */
			return usage_error(cmd, "help takes one command, not "
			    "also '%s'", p.value);
		name = p.value;
	}
	if (name && (c = find_command(name)) == NULL)
		return unknown_command(name);
	rc = print_help(c);
	if (flush_out() != AIS_OK)
		rc = AIS_EIO;
	return rc;
}

/*
 * aisubsidy [--help | --version] COMMAND ARGS...: the options before the
 * command, then the command of the table, given its own arguments.
 */
static int
run(int argc, char **argv)
{
	const struct command *c;
	struct args p;
	int id, rc = AIS_OK;

	args_init(&p, &main_cmd, argc, argv);
	id = next_arg(&p, &rc);
	if (id == ARG_STOP)
		return rc;
	if (id == ARG_END)
		return usage_error(&main_cmd, "a command is needed");
	if (id == OPT_VERSION) {
		printf("aisubsidy %s\n", AIS_VERSION);
		return flush_out();
	}
	c = find_command(p.value);
	if (c == NULL)
		return unknown_command(p.value);
	return c->fn(c, argc - (p.i - 1), argv + (p.i - 1));
}

/* report: the same report as a page (ais_report_html). */
static int
cmd_report(const struct command *cmd, int argc, char **argv)
{
	return run_population(cmd, argc, argv, 1);
}

int
main(int argc, char **argv)
{
	struct ais_oom_guard g;
	int rc;

	/* memory that runs out in main.c's own allocations, outside every
	 * library call (which catches its own), ends the process here: the
	 * process is main.c's to end */
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0)
		return out_of_memory();
	rc = run(argc, argv);
	ais_oom_guard_leave(&g);
	return rc;
}
