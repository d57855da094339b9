/*
 * fuzz_whatif: --set PATH=VALUE spliced into a fuzzed profile, and what
 * would qualify found for it.
 *
 * The input is one line "PATH=VALUE" and, after the newline, a JSON
 * profile.  Oracles: a splice into an object that succeeds leaves a text
 * in which PATH holds VALUE's JSON text exactly (the white space around
 * VALUE aside); splicing the same set again changes
 * nothing; a set that is not PATH=VALUE is refused as usage, never
 * crashes.  When the changed text reads as a profile, what would qualify
 * is found for it, and every change it reports, spliced in and evaluated
 * again, makes its item eligible or pay more, as it says.
 */
#include "fuzz_common.h"
#include "whatif.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Whether the JSON value json[0..len) is an object (a profile: another
 * value is left as it is, for the reader to refuse). */
static int
is_object(const char *json, size_t len)
{
	size_t i = 0;

	while (i < len && (json[i] == ' ' || json[i] == '\t' ||
	    json[i] == '\n' || json[i] == '\r'))
		i++;
	return i < len && json[i] == '{';
}

/* Each change that to_qualify reports for the items of res, evaluated
 * again from json[0..len): eligible as it says, paying what it says. */
static void
check_answers(const struct ais_rules *r, const char *json, size_t len,
	const struct ais_calc_opts *o, const struct ais_result *res)
{
	struct ais_profile p;
	struct ais_result again;
	struct ais_buf t = AIS_BUF_INIT, u = AIS_BUF_INIT;
	struct ais_error err;
	size_t i, k, c;

	ais_profile_init(&p);
	ais_result_init(&again);
	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];

		for (k = 0; k < it->nqualify; k++) {
			const struct ais_qualify *x = &it->qualify[k];
			const struct ais_item *y;
			struct ais_calc_opts co = *o;
			char date[11];

			if (x->kind != AIS_Q_CHANGE)
				continue;
			ais_buf_reset(&t);
			ais_buf_add(&t, json, len);
			for (c = 0; c < x->nchanges; c++) {
				const struct ais_change *ch = &x->changes[c];

				ais_buf_reset(&u);
				if (ais_json_splice(t.p, t.len, ch->path,
				    strlen(ch->path), ch->to, strlen(ch->to),
				    &u, &err) < 0)
					fuzz_fail("to_qualify: a change that "
					    "does not splice", ch->path);
				ais_buf_reset(&t);
				ais_buf_add(&t, u.p, u.len);
				if (strcmp(ch->path, "as_of") == 0 &&
				    strlen(ch->to) == 12) {
					/* "YYYY-MM-DD": also the claim date
					 * of a profile without one */
					memcpy(date, ch->to + 1, 10);
					date[10] = '\0';
					if (ais_date_parse(date, 10,
					    &co.as_of) < 0)
						fuzz_fail("to_qualify: as_of "
						    "not a date", ch->to);
				}
			}
			if (ais_profile_read(&p, r, t.p, t.len, &err) < 0 ||
			    ais_calc(r, &p, &co, &again, &err) < 0)
				fuzz_fail("to_qualify: a change the profile "
				    "cannot take", it->program->id);
			y = ais_result_find_item(&again, it->program);
			if (!y || y->eligible != x->eligible ||
			    (x->has_amount && (!y->has_amount ||
			    y->amount != x->amount)) ||
			    (x->has_up_to && (!y->has_up_to ||
			    y->up_to != x->up_to)))
				fuzz_fail("to_qualify: the change does not "
				    "give what it says", it->program->id);
		}
	}
	ais_result_release(&again);
	ais_profile_release(&p);
	ais_buf_release(&t);
	ais_buf_release(&u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ais_rules *r = fuzz_builtin_rules();
	const char *s = (const char *)data, *nl;
	struct ais_buf arg = AIS_BUF_INIT, out = AIS_BUF_INIT,
	    again = AIS_BUF_INIT;
	struct ais_set set;
	struct ais_error err;
	const char *sets[1];
	size_t off, vlen, json_len;
	const char *json;

	nl = memchr(s, '\n', size);
	if (!nl)
		return 0;
	ais_buf_add(&arg, s, (size_t)(nl - s));
	ais_buf_add(&arg, "", 0);	/* NUL-terminated */
	json = nl + 1;
	json_len = size - (size_t)(nl + 1 - s);
	memset(&err, 0, sizeof err);
	if (ais_set_parse(arg.p, &set, &err) < 0) {
		if (err.status != AIS_EUSAGE)
			fuzz_fail("whatif: a set refused but not as usage",
			    err.msg);
		goto out;
	}
	sets[0] = arg.p;
	if (ais_whatif_apply(json, json_len, sets, 1, &out, &err) == 0 &&
	    ais_json_is_value(json, json_len) && is_object(json, json_len)) {
		/* PATH holds VALUE now, and what comes before it is as it
		 * was */
		if (!ais_json_find(out.p, out.len, set.path, set.path_len,
		    &off, &vlen))
			fuzz_fail("whatif: the path is not in the changed text",
			    set.path);
		{
			const char *v = set.value;
			size_t vn = set.value_len;

			while (vn && strchr(" \t\r\n", v[0])) {
				v++;
				vn--;
			}
			while (vn && strchr(" \t\r\n", v[vn - 1]))
				vn--;
			if (vlen != vn || memcmp(out.p + off, v, vn) != 0)
				fuzz_fail("whatif: the path does not hold the "
				    "value", set.path);
		}
		/* the same set again changes nothing */
		if (ais_whatif_apply(out.p, out.len, sets, 1, &again,
		    &err) < 0 || again.len != out.len ||
		    memcmp(again.p, out.p, out.len) != 0)
			fuzz_fail("whatif: the same set twice is not the same "
			    "text", set.path);
		{
			struct ais_profile p;
			struct ais_result res;
			struct ais_calc_opts o;

			memset(&o, 0, sizeof o);
			o.as_of = ais_date_from_ymd(2025, 6, 30);
			o.explain = 1;
			ais_profile_init(&p);
			ais_result_init(&res);
			if (ais_profile_read(&p, r, out.p, out.len, &err) == 0 &&
			    ais_calc(r, &p, &o, &res, &err) == 0 &&
			    ais_qualify(r, out.p, out.len, &p, &o, AIS_LANG_EN,
			    &res, &err) == 0)
				check_answers(r, out.p, out.len, &o, &res);
			ais_result_release(&res);
			ais_profile_release(&p);
		}
	}
	ais_set_release(&set);
out:
	ais_buf_release(&arg);
	ais_buf_release(&out);
	ais_buf_release(&again);
	return 0;
}
