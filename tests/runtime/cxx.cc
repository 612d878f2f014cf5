// cxx.cc - run by test_runtime when a C++ compiler is there: names are
// demangled with the C++ runtime's demangler.
#include <cstdio>

namespace geo {
int area(int w, int h)
{
	return w * h;
}
} // namespace geo

int main()
{
	std::printf("%d\n", geo::area(6, 7));
	return 0;
}
