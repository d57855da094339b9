/*
 * gen: writes N realistic applicant profiles, one JSON object a line, the
 * same bytes for the same N and seed on every machine (a fixed LCG, no
 * floating point, no clock).
 *
 *     gen [N] [SEED]      N defaults to 200000
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint32_t
rnd(void)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(state >> 33);
}

static uint32_t
below(uint32_t n)
{
	return rnd() % n;
}

/* An amount in yuan with 0 or 2 decimals, between lo and hi yuan. */
static void
amount(uint32_t lo, uint32_t hi)
{
	uint32_t y = lo + below(hi - lo + 1);

	if (below(4) == 0)
		printf("%u.%02u", y, below(100));
	else
		printf("%u", y);
}

static void
date(int y0, int years)
{
	printf("\"%d-%02u-%02u\"", y0 + (int)below((uint32_t)years),
	    1 + below(12), 1 + below(28));
}

static const char *const kinds[] = {
	"enterprise", "enterprise", "enterprise", "enterprise", "enterprise",
	"enterprise", "university", "research_institute", "vc_institution",
	"data_source_unit", "individual"
};
static const char *const cities[] = {
	"shenzhen", "shenzhen", "chengdu", "chengdu", "chengdu", "mianyang"
};
static const char *const purposes[] = {
	"model_training", "model_training", "inference", "other"
};
static const char *const levels[] = { "international", "national", "industry" };

int
main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
	long i;
	uint32_t k, m;

	state = argc > 2 ? strtoull(argv[2], NULL, 10) : 20261123;
	for (i = 0; i < n; i++) {
		const char *kind = kinds[below(sizeof kinds / sizeof *kinds)];
		const char *city = cities[below(sizeof cities / sizeof *cities)];

		printf("{\"id\":\"APP-%07ld\",\"name\":\"测试企业%ld号\","
		    "\"as_of\":\"2025-%02u-%02u\",\"kind\":\"%s\",\"city\":\"%s\"",
		    i + 1, i + 1, 1 + below(12), 1 + below(28), kind, city);
		if (city[0] == 'm')
			printf(",\"province\":\"sichuan\"");
		printf(",\"registered_on\":");
		date(2018, 7);
		printf(",\"ai_enterprise\":%s,\"startup\":%s",
		    below(3) ? "true" : "false", below(3) ? "false" : "true");
		if (below(5) == 0)
			printf(",\"returnee_startup\":{\"tier\":%u}", 1 + below(3));
		printf(",\"revenue\":{\"main_business\":");
		amount(1000000, 1200000000);
		printf(",\"prior_max\":");
		amount(1000000, 1000000000);
		printf(",\"ai_share\":0.%02u}", below(100));
		m = below(4);
		printf(",\"compute_purchases\":[");
		for (k = 0; k < m; k++) {
			printf("%s{\"id\":\"cp-%u\",\"amount\":", k ? "," : "",
			    k + 1);
			amount(10000, 30000000);
			printf(",\"purpose\":\"%s\",\"provider\":\"智算中心%u\","
			    "\"provider_listed\":%s,\"affiliated\":%s,\"date\":",
			    purposes[below(4)], below(20),
			    below(8) ? "true" : "false",
			    below(10) ? "false" : "true");
			date(2025, 1);
			printf("}");
		}
		printf("]");
		m = below(3);
		printf(",\"corpus_purchases\":[");
		for (k = 0; k < m; k++) {
			printf("%s{\"id\":\"co-%u\",\"amount\":", k ? "," : "",
			    k + 1);
			amount(5000, 9000000);
			printf(",\"via_exchange\":%s,\"affiliated\":false,"
			    "\"purpose\":\"%s\"}", below(3) ? "true" : "false",
			    below(2) ? "model_rnd" : "model_application");
		}
		printf("]");
		if (below(4) == 0) {
			printf(",\"software_products\":[{\"id\":\"sw-1\","
			    "\"certified_first_version\":true,\"role\":\"%s\","
			    "\"rd_expenditure\":", below(3) == 0 ? "both" :
			    below(2) ? "developer" : "adopter");
			amount(100000, 40000000);
			printf(",\"contract_executed\":");
			amount(0, 30000000);
			printf("}]");
		}
		if (below(6) == 0) {
			printf(",\"standards_led\":[");
			m = 1 + below(3);
			for (k = 0; k < m; k++)
				printf("%s{\"id\":\"STD-%u\",\"level\":\"%s\"}",
				    k ? "," : "", k + 1, levels[below(3)]);
			printf("]");
		}
		if (below(8) == 0)
			printf(",\"honors\":[\"little_giant\"]");
		if (below(10) == 0)
			printf(",\"model_registration\":{\"registered\":true,"
			    "\"rank\":%u}", 1 + below(30));
		if (kind[0] == 'v') {
			printf(",\"investments\":[");
			m = 1 + below(4);
			for (k = 0; k < m; k++) {
				printf("%s{\"id\":\"inv-%u\",\"ai\":%s,\"amount\":",
				    k ? "," : "", k + 1, below(4) ? "true" : "false");
				amount(1000000, 300000000);
				printf(",\"held_months\":%u}", below(40));
			}
			printf("]");
		}
		if (below(12) == 0)
			printf(",\"projects\":[{\"id\":\"p-1\",\"type\":"
			    "\"ai_project_lead\",\"level\":\"%s\"}]",
			    below(2) ? "national" : "provincial");
		printf("}\n");
	}
	return ferror(stdout) ? 1 : 0;
}
