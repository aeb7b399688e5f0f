/* One helper LLVM inlines (add) and one it never inlines (sum: variadic). No headers: -nostdinc builds it. */
int rust_helper_add(int a, int b) { return a + b; }

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
