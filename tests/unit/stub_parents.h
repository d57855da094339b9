/*
 * stub_parents.h: for unit tests that load a city without its province.
 *
 * A parent that names no jurisdiction is a load error, so a test whose
 * subject is a city alone gets, for each "  parent: ID" of its files that
 * no file called rules/ID.yaml answers, a province with no programs, as
 * rules/guangdong.yaml is for Shenzhen.
 */
#ifndef AIS_TEST_STUB_PARENTS_H
#define AIS_TEST_STUB_PARENTS_H

#include <stdio.h>
#include <string.h>

#include "rules.h"

#define STUB_MAX 8

struct stubs {
	char name[STUB_MAX][64];
	char text[STUB_MAX][256];
};

/*
 * Copies f[0..n) into out (room for n + STUB_MAX) with the stubs it needs
 * after them, held in s; returns how many files out holds.
 */
static inline size_t
stub_parents(const struct ais_rule_file *f, size_t n, struct stubs *s,
	struct ais_rule_file *out)
{
	size_t i, k, m = n;

	memcpy(out, f, sizeof *f * n);
	for (i = 0; i < n; i++) {
		const char *p = strstr(f[i].data, "\n  parent: ");
		char id[48];
		int have = 0;

		if (!p || sscanf(p, "\n  parent: %47[a-z_.-]", id) != 1)
			continue;
		for (k = 0; k < m; k++) {
			const char *b = strrchr(out[k].name, '/');

			b = b ? b + 1 : out[k].name;
			if (strncmp(b, id, strlen(id)) == 0 &&
			    strcmp(b + strlen(id), ".yaml") == 0)
				have = 1;
		}
		if (have || m - n == STUB_MAX)
			continue;
		snprintf(s->name[m - n], sizeof s->name[0], "rules/%s.yaml", id);
		snprintf(s->text[m - n], sizeof s->text[0], "jurisdiction:\n"
		    "  id: %s\n  level: province\n  name: {zh: 某省, en: %s}\n",
		    id, id);
		memset(&out[m], 0, sizeof out[m]);
		out[m].name = s->name[m - n];
		out[m].data = s->text[m - n];
		out[m].len = strlen(out[m].data);
		m++;
	}
	return m;
}

#endif
