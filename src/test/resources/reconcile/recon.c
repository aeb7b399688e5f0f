/* Helpers whose attributes differ from Rust code's in ways graft reconciles or explains. */
int rust_helper_first(const int *p) { return *p; }

int rust_helper_pick(const int *src, int n)
{
	volatile int copy[8]; /* a stack buffer a stack protector guards */
	for (int i = 0; i < 8; i++)
		copy[i] = src[i];
	return copy[n & 7];
}
