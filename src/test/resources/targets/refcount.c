/*
 * The shape of the Linux kernel's rust_helper_REFCOUNT_INIT on arm64: a 4-byte struct returned by value.
 * clang returns it as i32, rustc (for the same #[repr(C)] struct) as i64: the same register, x0.
 */
typedef struct {
	int refs;
} refcount_t;

refcount_t rust_helper_REFCOUNT_INIT(int n)
{
	refcount_t r = { n };
	return r;
}

int rust_helper_refcount_read(const refcount_t *r)
{
	return __atomic_load_n(&r->refs, __ATOMIC_RELAXED);
}

void rust_helper_refcount_set(refcount_t *r, int n)
{
	__atomic_store_n(&r->refs, n, __ATOMIC_RELAXED);
}
