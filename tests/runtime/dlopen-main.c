/* dlopen-main.c - run by test_runtime: opens the instrumented library
 * given as argv[1] (a relative path, or a symlink) with dlopen, then
 * leaves for another directory (argv[2]) and calls its lib_work 4 times. */
#include <dlfcn.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	void *lib = argc > 2 ? dlopen(argv[1], RTLD_NOW) : NULL;
	int (*work)(int) = lib ? (int (*)(int))dlsym(lib, "lib_work") : NULL;
	int i, r = 0;

	if (!work || chdir(argv[2]) != 0) {
		fprintf(stderr, "cannot open %s: %s\n", argc > 1 ? argv[1] : "?", dlerror());
		return 1;
	}
	for (i = 0; i < 4; i++)
		r = work(i);
	printf("%d\n", r);
	return 0;
}
