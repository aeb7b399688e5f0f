/* External global definitions: a helper library must not define these (each crate would get a copy). */
int global_counter = 1;
const int lookup_table[2] = { 1, 2 };
extern int declared_only;
static int private_state;
int read_all(void) { return global_counter + lookup_table[1] + declared_only + private_state++; }
