/*
 * Unreferenced data kept with __attribute__((used)), the way Linux's headers make it: MODULE_INFO's
 * .modinfo strings and __ADDRESSABLE's pointers in .discard.addressable (include/linux/moduleparam.h,
 * include/linux/compiler.h), which every helper including those headers carries. A used mutable static
 * outside a .discard section is state, and stays refused.
 */
#define USED_IN(sec) __attribute__((used, section(sec)))

extern int key;

static const char modinfo_import[] USED_IN(".modinfo") __attribute__((aligned(1))) = "import_ns=PWM";

static inline int read_key(void)
{
	static void *addressable_key USED_IN(".discard.addressable") = (void *)&key;
	return key;
}

#ifdef WITH_USED_STATE
static int used_state USED_IN(".data.state") = 1;
#endif

/* A header's static inline with a static of its own, as the kernel's lock class keys in init_completion(). */
struct class_key { int id; };
void register_class(struct class_key *key);

static inline void init_object(void)
{
	static struct class_key object_key;
	register_class(&object_key);
}

int rust_helper_read_key(void)
{
	init_object();
	return read_key();
}
