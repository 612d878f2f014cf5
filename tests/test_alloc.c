/* test_alloc.c - the huge-page hint of src/base/alloc.h on big blocks. */
#include "tests/testutil.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/base/alloc.h"

/* Whether the mapping holding address a has flag (two letters) in its
 * VmFlags line of /proc/self/smaps. */
static bool vm_flag(const void *a, const char *flag)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false, has = false;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		unsigned long from, to;

		if (sscanf(line, "%lx-%lx ", &from, &to) == 2 &&
		    strchr(line, '-') < strchr(line, ' '))
			in = (uintptr_t)a >= from && (uintptr_t)a < to;
		else if (in && !strncmp(line, "VmFlags:", 8))
			has = strstr(line, flag) != NULL;
	}
	fclose(f);
	return has;
}

/* A block of 8 MiB has its whole 2 MiB pages advised for huge pages
 * (VmFlags "hg"); a small one is left alone; a big block grown keeps its
 * contents and is advised where it now is. */
static void test_huge_hint(void **state)
{
	size_t big = (size_t)8 << 20, i;
	char *p = xmalloc(big), *small = xmalloc(4096);
	const char *mid;

	(void)state;
	if (access("/sys/kernel/mm/transparent_hugepage/enabled", F_OK) != 0)
		skip(); /* a kernel without transparent huge pages */
	mid = (const char *)(((uintptr_t)p + ((size_t)4 << 20)) & ~(uintptr_t)((2 << 20) - 1));
	assert_true(vm_flag(mid, "hg"));
	assert_false(vm_flag(small, "hg"));
	for (i = 0; i < big; i++)
		p[i] = (char)(i % 251);
	p = xrealloc(p, 3 * big);
	for (i = 0; i < big; i++)
		if (p[i] != (char)(i % 251))
			fail_msg("byte %zu lost by the growth", i);
	mid = (const char *)(((uintptr_t)p + 2 * big) & ~(uintptr_t)((2 << 20) - 1));
	assert_true(vm_flag(mid, "hg"));
	free(small);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_huge_hint),
	};

	return cmocka_run_group_tests_name("alloc", tests, NULL, NULL);
}
