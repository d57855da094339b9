/*
 * fuzz_expr: the expression compiler, and evaluation of what it compiles.
 *
 * The input is one expression of the rule language (docs/rules.md).  An
 * input that starts with "@FIELD:" is compiled with `item` standing for
 * the entries of the list field FIELD ("@software_products:item.role ==
 * \"both\""), as in a per-entry award; otherwise with no `item`.  It is
 * compiled for any type and again for the type it has and for a type it
 * has not; what compiles is evaluated on two claim dates against a fixed
 * profile with every list filled (for each entry of FIELD when there is
 * one) and against a profile with nothing given, with and without a
 * trace, and described as a reason would show it.
 */
#include "fuzz_common.h"

static const char full_json[] =
"{\"id\":\"FZ-1\",\"name\":\"fuzz\",\"as_of\":\"2025-06-30\","
"\"kind\":\"enterprise\",\"city\":\"chengdu\",\"province\":\"sichuan\","
"\"registered_on\":\"2023-02-28\",\"ai_enterprise\":true,\"startup\":true,"
"\"returnee_startup\":{\"tier\":2},"
"\"revenue\":{\"main_business\":320000000.5,\"prior_max\":0,\"ai_share\":0.65},"
"\"compute_purchases\":[{\"id\":\"cp-1\",\"amount\":4000000,"
"\"purpose\":\"model_training\",\"provider\":\"p\",\"provider_listed\":true,"
"\"affiliated\":false,\"date\":\"2025-01-31\"},{\"amount\":0.01,"
"\"purpose\":\"inference\",\"affiliated\":true}],"
"\"corpus_purchases\":[{\"id\":\"c1\",\"amount\":99999999999.99,"
"\"via_exchange\":true,\"purpose\":\"model_rnd\"},{\"amount\":1}],"
"\"open_corpus\":{\"qualified\":true},"
"\"software_products\":[{\"id\":\"s1\",\"name\":\"n\","
"\"certified_first_version\":true,\"role\":\"both\",\"rd_expenditure\":8000000,"
"\"contract_executed\":3000000},{\"id\":\"s2\",\"role\":\"adopter\"}],"
"\"platforms\":[{\"id\":\"pl\",\"type\":\"national_key_lab\","
"\"newly_approved\":true,\"national_funding\":5000000}],"
"\"achievements\":[{\"id\":\"a\",\"type\":\"national_st_award\","
"\"landed_in\":\"chengdu\"},{\"type\":\"high_quality_dataset\"}],"
"\"model_registration\":{\"registered\":true,\"rank\":4},"
"\"honors\":[\"little_giant\",\"chain_leader\"],"
"\"standards_led\":[{\"id\":\"GB/T 1\",\"level\":\"national\"},"
"{\"level\":\"international\"},{\"id\":\"x\",\"level\":\"industry\"}],"
"\"projects\":[{\"id\":\"p1\",\"type\":\"vertical_model\","
"\"level\":\"national\","
"\"total_investment\":100000000,\"sales\":26000000,"
"\"prior_provincial_support\":true}],"
"\"investments\":[{\"id\":\"i1\",\"company\":\"c\",\"ai\":true,"
"\"amount\":30000000,\"held_months\":24},{\"held_months\":0}],"
"\"talent\":[{\"id\":\"t1\",\"plan\":\"tianfu_emei\",\"kind\":\"team\"}]}";

static const char empty_json[] = "{\"kind\":\"individual\"}";

static struct ais_profile full, empty;
static struct ais_buf tbuf = AIS_BUF_INIT;

static void
trace_line(void *ctx, const struct ais_trace_entry *t)
{
	(void)ctx;
	ais_item_label(t->item, &tbuf);
	if (t->value)
		ais_value_format(t->value, &tbuf);
	if (t->needs)
		ais_buf_add(&tbuf, t->needs, t->needs_len);
	if (t->missing)
		ais_buf_add(&tbuf, t->missing, t->missing_len);
	ais_reads_format(t->reads, t->nreads, &tbuf);
	ais_buf_addc(&tbuf, '\n');
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ais_error err;

	(void)argc;
	(void)argv;
	memset(&err, 0, sizeof err);
	ais_profile_init(&full);
	ais_profile_init(&empty);
	if (ais_profile_read(&full, fuzz_builtin_rules(), full_json,
	    sizeof full_json - 1, &err) < 0)
		fuzz_fail("the fixed profile does not read", err.msg);
	if (ais_profile_read(&empty, fuzz_builtin_rules(), empty_json,
	    sizeof empty_json - 1,
	    &err) < 0)
		fuzz_fail("the empty profile does not read", err.msg);
	return 0;
}

/* Evaluates e once with ev; a failure must leave a message. */
static void
eval_one(const struct ais_expr *e, struct ais_eval *ev, struct ais_buf *b)
{
	struct ais_value v;

	memset(&v, 0, sizeof v);
	ev->errmsg[0] = '\0';
	if (ais_expr_eval(e, ev, &v) < 0) {
		if (!ev->errmsg[0])
			fuzz_fail("an evaluation failed without a message",
			    ais_expr_text(e));
		return;
	}
	ais_buf_reset(b);
	ais_value_format(&v, b);
	ais_expr_describe(e, ev, b);
	{
		struct ais_cmp c[AIS_EXPR_MAX_CMPS];
		size_t i, n = ais_expr_comparisons(e, ev, c, AIS_EXPR_MAX_CMPS);

		for (i = 0; i < n; i++) {
			ais_buf_add(b, c[i].left, c[i].left_len);
			ais_buf_adds(b, c[i].op);
			ais_buf_add(b, c[i].right, c[i].right_len);
			ais_value_format(&c[i].left_value, b);
			ais_value_format(&c[i].right_value, b);
		}
	}
	if (v.t == AIS_V_OBJ || (v.t == AIS_V_STR && ev->item))
		ais_item_label(&v, b);
}

static void
evaluate(const struct ais_expr *e, const struct ais_profile *p,
	const struct ais_field *item, struct ais_buf *b)
{
	static const char *const dates[] = { "2025-06-30", "1000-01-01" };
	struct ais_trace trace = { trace_line, NULL };
	struct ais_eval ev;
	size_t d, i;

	for (d = 0; d < 2; d++) {
		memset(&ev, 0, sizeof ev);
		ev.root = &p->root;
		ev.as_of = fuzz_date(dates[d]);
		/* the first pass has a program's validity to date entries by */
		ev.valid_from = d == 0 ? fuzz_date("2024-01-01") : AIS_DATE_MIN;
		ev.trace = d == 0 ? &trace : NULL;
		ais_buf_reset(&tbuf);
		if (!item) {
			eval_one(e, &ev, b);
			continue;
		}
		/* for each entry of the list the item is of */
		{
			int k = ais_schema_find(fuzz_builtin_rules()->schema,
			    item->name, strlen(item->name));
			const struct ais_value *lv = &p->root.v[k];

			if (lv->t != AIS_V_LIST)
				continue;
			for (i = 0; i < lv->u.list->n; i++) {
				ev.item = &lv->u.list->items[i];
				ais_item_label(ev.item, b);
				eval_one(e, &ev, b);
			}
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ais_arena a = AIS_ARENA_INIT;
	const struct ais_schema *S = fuzz_builtin_rules()->schema;
	const struct ais_field *item = NULL;
	const char *src = (const char *)data;
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_expr *e;
	char msg[256];
	size_t len = size, off, k;
	int want, t;

	if (len > 1 && src[0] == '@') {
		const char *colon = memchr(src, ':', len);
		int f;

		if (!colon)
			return 0;
		f = ais_schema_find(S, src + 1, (size_t)(colon - src - 1));
		if (f < 0 || (S->fields[f].type != AIS_F_LIST &&
		    S->fields[f].type != AIS_F_ENUMLIST))
			return -1;	/* not worth keeping */
		item = &S->fields[f];
		len -= (size_t)(colon + 1 - src);
		src = colon + 1;
	}
	off = (size_t)-1;
	msg[0] = '\0';
	e = ais_expr_compile(&a, S, src, len, item, -1, &off, msg, sizeof msg);
	if (!e) {
		if (off > len)
			fuzz_fail("an error offset beyond the text", msg);
		if (!msg[0])
			fuzz_fail("an error without a message", NULL);
		goto out;
	}
	t = ais_expr_type(e);
	if (strlen(ais_expr_text(e)) > len)
		fuzz_fail("the text of an expression is longer than its source",
		    NULL);
	(void)ais_expr_is_const(e);
	(void)ais_expr_list_field(e);
	evaluate(e, &full, item, &b);
	evaluate(e, &empty, item, &b);
	/* the same text wanted as its own type must compile; wanted as
	 * another it may or may not, but an error has a place and words */
	for (k = 0; k < 2; k++) {
		want = k == 0 ? t : (t == AIS_E_BOOL ? AIS_E_NUM : AIS_E_BOOL);
		off = (size_t)-1;
		msg[0] = '\0';
		e = ais_expr_compile(&a, S, src, len, item, want, &off, msg,
		    sizeof msg);
		if (k == 0 && !e)
			fuzz_fail("an expression does not compile as its own "
			    "type", msg);
		if (!e && (off > len || !msg[0]))
			fuzz_fail("an error without a place or a message", msg);
	}
out:
	ais_buf_release(&b);
	ais_arena_release(&a);
	return 0;
}
