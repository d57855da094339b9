/*
 * contract.h: the profile contract of a rule set as a JSON Schema and as
 * the Markdown of docs/profile.md (contract.c).
 */
#ifndef AIS_CONTRACT_H
#define AIS_CONTRACT_H

#include "rules.h"

/* Appends to b the JSON Schema (draft 2020-12, pretty) of the profiles
 * r's contract accepts without a warning. */
void ais_contract_json_schema(const struct ais_rules *r, struct ais_buf *b);

/* Appends to b the contract as docs/profile.md (lang en) or
 * docs/profile.zh.md (lang zh) give it. */
void ais_contract_markdown(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b);

#endif
