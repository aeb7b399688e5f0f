/*
 * Shims as published -sys crates build them, for the machine's or a named newer CPU (-march=native,
 * -march=znver4): one integer-only, one whose popcount is one instruction on that CPU, one with an x86
 * intrinsic (SSE4.2's crc32, as DPDK's hashes use).
 */
unsigned rust_helper_mix(unsigned a, unsigned b)
{
	return (a ^ (b << 3)) * 0x9e3779b1u + (a >> 7);
}

unsigned rust_helper_bits(unsigned a, unsigned b)
{
	return a + (unsigned)__builtin_popcount(a ^ b);
}

unsigned rust_helper_crc(unsigned crc, unsigned v)
{
	return __builtin_ia32_crc32si(crc, v);
}
