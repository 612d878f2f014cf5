/* solib.c - run by test_runtime: an instrumented shared library (built
 * as libsolib.so) whose function the program solib-main.c calls. */
static volatile int sink;

int lib_work(int n)
{
	sink += n;
	return sink;
}
