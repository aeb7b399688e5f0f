/* Helpers with inline assembly, as every real helper library has (Linux's atomics and `current`,
 * DPDK's rte_pause/rte_rdtsc, lock-free rings). */
static inline unsigned long long read_tsc(void)
{
	unsigned int lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
}

unsigned long long rust_helper_rdtsc(void) { return read_tsc(); }

void rust_helper_cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }

int rust_helper_atomic_add_return(int i, int *v)
{
	int old = i;
	__asm__ volatile("lock; xaddl %0, %1" : "+r"(old), "+m"(*v) : : "memory");
	return old + i;
}
