/* cjson-parse.c - the anchor of `make bench`: read a file and cJSON_Parse
 * it, nothing more; vitte-pgo check of the same file is timed against it. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
	char *buf;
	long n;
	cJSON *root;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "usage: cjson-parse FILE (a readable file)\n");
		return 2;
	}
	buf[n] = '\0';
	root = cJSON_ParseWithLength(buf, (size_t)n);
	printf("%s\n", root ? "parsed" : "not JSON");
	cJSON_Delete(root);
	free(buf);
	fclose(f);
	return root ? 0 : 1;
}
