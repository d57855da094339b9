/*
 * ledger.c: reading prior_awards[] for the caps that accumulate and for
 * awarded().  The fields are found by name in the entry's own schema, so
 * that this file does not depend on where the schema puts them.
 */
#include <string.h>

#include "ledger.h"

const char *const ais_cap_per_names[] = {
	"claim", "year", "cumulative", NULL
};

const char *const ais_prior_why_names[] = {
	"counted", "after_as_of", "other_year", NULL
};

const struct ais_list *
ais_prior_awards(const struct ais_obj *root)
{
	static const struct ais_list none;
	int i;

	if (!root)
		return NULL;
	i = ais_schema_find(root->schema, "prior_awards", 12);
	if (i < 0 || root->v[i].t != AIS_V_LIST)
		return &none;
	return root->v[i].u.list;
}

/* The value of the field called name of object o, or NULL. */
static const struct ais_value *
member(const struct ais_obj *o, const char *name)
{
	int i = ais_schema_find(o->schema, name, strlen(name));

	return i < 0 ? NULL : &o->v[i];
}

int
ais_prior_award_read(const struct ais_value *e, struct ais_prior_award *out)
{
	const struct ais_value *program, *date, *amount, *contract;
	const struct ais_obj *o;

	memset(out, 0, sizeof *out);
	if (!e || e->t != AIS_V_OBJ)
		return -1;
	o = e->u.obj;
	program = member(o, "program");
	date = member(o, "date");
	amount = member(o, "amount");
	contract = member(o, "contract");
	if (!program || program->t != AIS_V_STR || !date ||
	    date->t != AIS_V_DATE || !amount || amount->t != AIS_V_NUM ||
	    ais_dec_round_fen(amount->u.n, &out->amount) < 0)
		return -1;
	out->entry = e;
	out->program = program->u.s.p;
	out->program_len = program->u.s.len;
	out->date = date->u.d;
	if (contract && contract->t == AIS_V_STR) {
		out->contract = contract->u.s.p;
		out->contract_len = contract->u.s.len;
	}
	return 0;
}

int
ais_prior_award_of(const struct ais_prior_award *a, const char *program)
{
	return program && strlen(program) == a->program_len &&
	    memcmp(program, a->program, a->program_len) == 0;
}

/* The calendar year of day d. */
static int
year_of(ais_date d)
{
	int y, m, dd;

	ais_date_to_ymd(d, &y, &m, &dd);
	return y;
}

enum ais_prior_why
ais_prior_award_counts(const struct ais_prior_award *a, enum ais_cap_per per,
	ais_date as_of)
{
	if (a->date > as_of)
		return AIS_PRIOR_AFTER_AS_OF;
	if (per == AIS_PER_YEAR && year_of(a->date) != year_of(as_of))
		return AIS_PRIOR_OTHER_YEAR;
	return AIS_PRIOR_COUNTED;
}

const struct ais_value *
ais_prior_award_for_contract(const struct ais_obj *root, const char *program,
	ais_date as_of, const char *s, size_t len,
	const struct ais_value **later)
{
	const struct ais_list *l = ais_prior_awards(root);
	const struct ais_value *after = NULL;
	size_t i;

	if (later)
		*later = NULL;
	if (!l || !program)
		return NULL;
	for (i = 0; i < l->n; i++) {
		struct ais_prior_award a;

		if (ais_prior_award_read(&l->items[i], &a) < 0 ||
		    !ais_prior_award_of(&a, program) || !a.contract ||
		    a.contract_len != len || memcmp(a.contract, s, len) != 0)
			continue;
		if (a.date <= as_of)
			return a.entry;
		if (!after)
			after = a.entry;
	}
	if (later)
		*later = after;
	return NULL;
}
