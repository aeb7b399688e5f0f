/* A helper with state: one counter for the whole program, as C means it. */
int rust_helper_next(void)
{
	static int count;
	return ++count;
}
