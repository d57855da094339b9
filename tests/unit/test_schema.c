/*
 * test_schema.c: the profile schema agrees with shared/spec/profile.md and
 * with itself, and the look-ups find what they should.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "schema.h"

/* The field called name in s, failing the test when there is none. */
static const struct ais_field *
field(const struct ais_schema *s, const char *name)
{
	int i = ais_schema_find(s, name, strlen(name));

	assert_true(i >= 0);
	return &s->fields[i];
}

/* Checks s and every schema below it for inner consistency. */
static void
check_schema(const struct ais_schema *s)
{
	size_t i, k;
	const struct ais_field *f;

	assert_non_null(s->name);
	assert_true(s->n > 0);
	assert_true(s->n <= 64);	/* profile.c keeps a 64-bit seen mask */
	for (i = 0; i < s->n; i++) {
		f = &s->fields[i];
		assert_non_null(s->names[i]);
		assert_string_equal(s->names[i], f->name);
		assert_int_equal(ais_schema_find(s, f->name, strlen(f->name)),
		    (int)i);
		switch (f->type) {
		case AIS_F_ENUM:
		case AIS_F_ENUMLIST:
			assert_non_null(f->enums);
			assert_non_null(f->enums[0]);
			if (f->default_enum != NULL)
				assert_true(ais_enum_find(f->enums,
				    f->default_enum,
				    strlen(f->default_enum)) >= 0);
			for (k = 0; f->enums[k] != NULL; k++)
				assert_int_equal(ais_enum_find(f->enums,
				    f->enums[k], strlen(f->enums[k])), (int)k);
			break;
		case AIS_F_OBJECT:
		case AIS_F_LIST:
			assert_non_null(f->sub);
			check_schema(f->sub);
			break;
		case AIS_F_INT:
			assert_true(f->min <= f->max);
			break;
		default:
			assert_null(f->sub);
			assert_null(f->enums);
			break;
		}
	}
	assert_null(s->names[s->n]);
}

static void
schema_should_name_every_field_in_order_in_names(void **state)
{
	(void)state;
	check_schema(&ais_profile_schema);
}

static void
schema_should_keep_the_root_fields_in_the_order_of_the_spec(void **state)
{
	static const char *const want[] = {
		"id", "name", "as_of", "kind", "city", "province",
		"registered_on", "ai_enterprise", "startup",
		"returnee_startup", "revenue", "compute_purchases",
		"corpus_purchases", "open_corpus", "software_products",
		"platforms", "achievements", "model_registration", "honors",
		"standards_led", "projects", "investments", "talent",
		"prior_awards", NULL
	};
	size_t i;

	(void)state;
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < ais_profile_schema.n);
		assert_string_equal(ais_profile_schema.fields[i].name, want[i]);
	}
	assert_int_equal(ais_profile_schema.n, i);
}

static void
schema_should_give_every_list_entry_an_optional_string_id(void **state)
{
	const struct ais_field *f, *id;
	size_t i;

	(void)state;
	for (i = 0; i < ais_profile_schema.n; i++) {
		f = &ais_profile_schema.fields[i];
		if (f->type != AIS_F_LIST)
			continue;
		id = field(f->sub, "id");
		assert_int_equal(id->type, AIS_F_STRING);
		assert_false(id->required);
	}
}

static void
schema_should_type_the_root_fields_as_the_spec_says(void **state)
{
	const struct ais_schema *s = &ais_profile_schema;
	const struct ais_field *f;

	(void)state;
	assert_int_equal(field(s, "id")->type, AIS_F_STRING);
	assert_int_equal(field(s, "as_of")->type, AIS_F_DATE);
	assert_int_equal(field(s, "registered_on")->type, AIS_F_DATE);
	assert_int_equal(field(s, "city")->type, AIS_F_STRING);
	f = field(s, "kind");
	assert_int_equal(f->type, AIS_F_ENUM);
	assert_true(f->required);
	assert_null(f->default_enum);
	assert_string_equal(f->enums[0], "enterprise");
	assert_string_equal(f->enums[5], "individual");
	assert_null(f->enums[6]);
	f = field(s, "ai_enterprise");
	assert_int_equal(f->type, AIS_F_BOOL);
	assert_int_equal(f->default_bool, 0);
	f = field(s, "honors");
	assert_int_equal(f->type, AIS_F_ENUMLIST);
	assert_string_equal(f->enums[0], "little_giant");
	assert_string_equal(f->enums[1], "chain_leader");
	assert_null(f->enums[2]);
	f = field(field(s, "returnee_startup")->sub, "tier");
	assert_int_equal(f->type, AIS_F_INT);
	assert_int_equal(f->min, 1);
	assert_int_equal(f->max, 3);
	f = field(field(s, "revenue")->sub, "ai_share");
	assert_int_equal(f->type, AIS_F_RATIO);
	f = field(field(s, "model_registration")->sub, "rank");
	assert_int_equal(f->min, 1);
	assert_int_equal(f->max, 1000000);
	f = field(field(s, "investments")->sub, "held_months");
	assert_int_equal(f->min, 0);
	assert_int_equal(f->max, 1200);
}

static void
schema_should_default_provider_listed_to_true_and_purpose_to_other(
	void **state)
{
	const struct ais_schema *cp =
	    field(&ais_profile_schema, "compute_purchases")->sub;
	const struct ais_schema *co =
	    field(&ais_profile_schema, "corpus_purchases")->sub;
	const struct ais_field *f;

	(void)state;
	f = field(cp, "amount");
	assert_int_equal(f->type, AIS_F_AMOUNT);
	assert_true(f->required);
	f = field(cp, "provider_listed");
	assert_int_equal(f->type, AIS_F_BOOL);
	assert_int_equal(f->default_bool, 1);
	assert_int_equal(field(cp, "affiliated")->default_bool, 0);
	assert_string_equal(field(cp, "purpose")->default_enum, "other");
	assert_string_equal(field(co, "purpose")->default_enum, "other");
	assert_true(field(co, "amount")->required);
	assert_null(field(field(&ais_profile_schema,
	    "software_products")->sub, "role")->default_enum);
	assert_true(field(field(&ais_profile_schema, "standards_led")->sub,
	    "level")->required);
}

static void
schema_should_require_program_date_and_amount_of_a_prior_award(void **state)
{
	const struct ais_schema *pa =
	    field(&ais_profile_schema, "prior_awards")->sub;
	const struct ais_schema *cp =
	    field(&ais_profile_schema, "compute_purchases")->sub;
	const struct ais_field *f;

	(void)state;
	assert_string_equal(pa->name, "prior_awards[]");
	f = field(pa, "program");
	assert_int_equal(f->type, AIS_F_STRING);
	assert_true(f->required);
	f = field(pa, "date");
	assert_int_equal(f->type, AIS_F_DATE);
	assert_true(f->required);
	f = field(pa, "amount");
	assert_int_equal(f->type, AIS_F_AMOUNT);
	assert_true(f->required);
	f = field(pa, "contract");
	assert_int_equal(f->type, AIS_F_STRING);
	assert_false(f->required);
	f = field(cp, "contract");
	assert_int_equal(f->type, AIS_F_STRING);
	assert_false(f->required);
}

static void
schema_find_should_match_whole_names_only(void **state)
{
	const struct ais_schema *s = &ais_profile_schema;

	(void)state;
	assert_int_equal(ais_schema_find(s, "kind", 4), 3);
	assert_int_equal(ais_schema_find(s, "kindness", 4), 3);
	assert_int_equal(ais_schema_find(s, "kin", 3), -1);
	assert_int_equal(ais_schema_find(s, "kinds", 5), -1);
	assert_int_equal(ais_schema_find(s, "", 0), -1);
	assert_int_equal(ais_schema_find(s, "compute_purchase", 16), -1);
	assert_int_equal(ais_schema_find(s, "ki\0d", 4), -1);
	assert_int_equal(ais_schema_find(NULL, "kind", 4), -1);
}

static void
enum_find_should_match_whole_values_only(void **state)
{
	const char *const *e = field(&ais_profile_schema, "kind")->enums;

	(void)state;
	assert_int_equal(ais_enum_find(e, "individual", 10), 5);
	assert_int_equal(ais_enum_find(e, "enterprise", 10), 0);
	assert_int_equal(ais_enum_find(e, "enterprises", 11), -1);
	assert_int_equal(ais_enum_find(e, "enterpris", 9), -1);
	assert_int_equal(ais_enum_find(e, "Enterprise", 10), -1);
	assert_int_equal(ais_enum_find(NULL, "x", 1), -1);
}

static void
root_indices_should_name_the_fields_they_stand_for(void **state)
{
	const struct ais_schema *s = &ais_profile_schema;
	size_t i;

	(void)state;
	assert_string_equal(s->fields[AIS_P_ID].name, "id");
	assert_string_equal(s->fields[AIS_P_NAME].name, "name");
	assert_string_equal(s->fields[AIS_P_AS_OF].name, "as_of");
	assert_string_equal(s->fields[AIS_P_KIND].name, "kind");
	assert_string_equal(s->fields[AIS_P_CITY].name, "city");
	assert_string_equal(s->fields[AIS_P_PROVINCE].name, "province");
	for (i = 0; i < s->n; i++)
		if (s->fields[i].type == AIS_F_LIST)
			assert_string_equal(
			    s->fields[i].sub->fields[AIS_ENTRY_ID].name, "id");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schema_should_name_every_field_in_order_in_names),
		cmocka_unit_test(root_indices_should_name_the_fields_they_stand_for),
		cmocka_unit_test(schema_should_keep_the_root_fields_in_the_order_of_the_spec),
		cmocka_unit_test(schema_should_give_every_list_entry_an_optional_string_id),
		cmocka_unit_test(schema_should_type_the_root_fields_as_the_spec_says),
		cmocka_unit_test(schema_should_default_provider_listed_to_true_and_purpose_to_other),
		cmocka_unit_test(schema_should_require_program_date_and_amount_of_a_prior_award),
		cmocka_unit_test(schema_find_should_match_whole_names_only),
		cmocka_unit_test(enum_find_should_match_whole_values_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
