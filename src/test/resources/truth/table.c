/* A helper with a constant table: a copy per crate changes nothing a program can see. */
int rust_helper_next(void)
{
	static const int primes[4] = { 2, 3, 5, 7 };
	static const int *const first = &primes[0];
	return first[2] + primes[1];
}
