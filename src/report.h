/*
 * report.h: the compare report (compare.h) as one self-contained HTML
 * page: inline CSS and SVG charts, no script, nothing fetched (issue 13:
 * aisubsidy report).  Every figure in it is the JSON report's.
 */
#ifndef AIS_REPORT_H
#define AIS_REPORT_H

#include <stddef.h>

#include "aisubsidy.h"
#include "util.h"

/*
 * Renders the JSON report json[0..len) (as ais_compare_run writes it)
 * as HTML in language lang, appended to out: 0, or -1 with err filled
 * (AIS_ENOMEM; AIS_EIO when json is not such a report).
 */
int ais_report_html(const char *json, size_t len, enum ais_lang lang,
	struct ais_buf *out, struct ais_error *err);

#endif
