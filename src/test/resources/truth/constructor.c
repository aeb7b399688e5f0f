/* A helper file with a constructor: in a crate, it would run once per crate. */
extern void announce(void);

__attribute__((constructor)) static void setup(void) { announce(); }

int rust_helper_one(void) { return 1; }
