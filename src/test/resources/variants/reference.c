/* The C-only reference: the helper compiled straight into the program, named as the crate's function. */
int rust_helper_build_kind(int x);

int build_kind(int x)
{
	return rust_helper_build_kind(x);
}
