/*
 * A helper that gives away the address of its constant table: a C program linking this file once has one
 * table, so two Rust crates calling the helper must see one address. The second table's address stays in
 * the file, so clang marks it unnamed_addr and it may be copied.
 */
static const int table[4] = {2, 3, 5, 7};
static const int weights[4] = {1, 10, 100, 1000};

const int *rust_helper_table(void)
{
	return table;
}

int rust_helper_weight(int i)
{
	return weights[i & 3];
}
