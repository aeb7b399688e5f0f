/* Aliases of every shape the wrapper must reproduce: ABI attributes, void, variadic, a static aliasee. */
#include <stdbool.h>

struct triple { long a, b, c; };

static bool is_small(bool neg, struct triple t) { return !neg && t.a < 3; }
bool small_alias(bool neg, struct triple t) __attribute__((alias("is_small")));

void store(int *p, int v) { *p = v; }
void store_alias(int *p, int v) __attribute__((alias("store")));

int add_all(int n, ...)
{
	__builtin_va_list ap;
	int s = 0;

	__builtin_va_start(ap, n);
	while (n-- > 0)
		s += __builtin_va_arg(ap, int);
	__builtin_va_end(ap);
	return s;
}
int add_all_alias(int n, ...) __attribute__((alias("add_all")));

struct triple make(long a) { struct triple t = { a, a, a }; return t; }
struct triple make_alias(long a) __attribute__((alias("make")));

int other_type(int x) { return x; }
long mistyped(long x) __attribute__((alias("other_type")));
