/* One helper LLVM inlines (add) and one it never inlines (sum: variadic). */
#include <stdarg.h>

int rust_helper_add(int a, int b) { return a + b; }

int rust_helper_sum(int n, ...)
{
	va_list ap;
	int s = 0;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		s += va_arg(ap, int);
	va_end(ap);
	return s;
}
