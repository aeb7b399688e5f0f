/* Every kind of definition clang emits for C helper files; the IR corpus test patches its IR. */
__attribute__((noinline)) static int hidden_static(int x) { return x * 3; }
__attribute__((weak)) int weak_helper(int x) { return x + 1; }
extern inline __attribute__((gnu_inline)) int gnu_extern_inline(int x) { return x - 1; }
static inline __attribute__((always_inline)) int forced(int x) { return x << 1; }
int uses_all(int x) { return hidden_static(x) + weak_helper(x) + gnu_extern_inline(x) + forced(x); }

int sum_varargs(int n, ...)
{
	__builtin_va_list ap;
	__builtin_va_start(ap, n);
	int s = 0;
	for (int i = 0; i < n; i++)
		s += __builtin_va_arg(ap, int);
	__builtin_va_end(ap);
	return s;
}

__attribute__((section(".text.graft_special"))) int in_section(int x) { return x ^ 5; }
__attribute__((visibility("hidden"))) int hidden_vis(int x) { return x | 8; }
int asm_named(int x) __asm__("graft odd name");
int asm_named(int x) { return x + 42; }
int aliased_target(int x) { return x * 7; }
int alias_of_target(int x) __attribute__((alias("aliased_target")));
int counter(void) { static int calls; return ++calls; }
const char *greeting(void) { return "define @not_a_function(); ; not a comment \" quoted"; }
struct pair { long a, b; };
struct pair make_pair(long a, long b) { struct pair p = { a, b }; return p; }
extern int declared_elsewhere(int);
int calls_declared(int x) { return declared_elsewhere(x) + 1; }
