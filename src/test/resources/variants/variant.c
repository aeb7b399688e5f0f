/* One helper whose code depends on how it is built: the kernel's MODULE switch. */
int rust_helper_build_kind(int x)
{
#ifdef MODULE
	return x * 7 + 3;
#else
	return x + 100;
#endif
}
