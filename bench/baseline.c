/*
 * baseline: the ceiling of any cJSON-based design.  Reads one JSON object
 * a line, parses it with cJSON, and prints a small object with its id:
 * what aisubsidy does minus everything aisubsidy is for.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

int
main(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, stdin)) >= 0) {
		cJSON *j = cJSON_ParseWithLength(line, (size_t)n);
		cJSON *out = cJSON_CreateObject();
		cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
		char *s;

		cJSON_AddStringToObject(out, "profile",
		    cJSON_IsString(id) ? id->valuestring : "");
		cJSON_AddBoolToObject(out, "ok", j != NULL);
		s = cJSON_PrintUnformatted(out);
		fputs(s, stdout);
		fputc('\n', stdout);
		cJSON_free(s);
		cJSON_Delete(out);
		cJSON_Delete(j);
	}
	free(line);
	return ferror(stdout) ? 1 : 0;
}
