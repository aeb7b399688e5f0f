/* Helpers reached under second names, by alias: of a helper, of a static function, of a variadic one. */
int rust_helper_add(int a, int b) { return a + b; }
int rust_helper_plus(int a, int b) __attribute__((alias("rust_helper_add")));

static int twice(int x) { return x * 2; }
int rust_helper_twice(int x) __attribute__((alias("twice")));

void rust_helper_set(int *p, int v) { *p = v; }
void rust_helper_put(int *p, int v) __attribute__((alias("rust_helper_set")));

int rust_helper_sum(int n, ...)
{
	__builtin_va_list ap;
	int s = 0;

	__builtin_va_start(ap, n);
	for (int i = 0; i < n; i++)
		s += __builtin_va_arg(ap, int);
	__builtin_va_end(ap);
	return s;
}
int rust_helper_total(int n, ...) __attribute__((alias("rust_helper_sum")));
