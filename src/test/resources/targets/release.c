/*
 * The shape of Linux 7.2's Region::drop (rust/kernel/io/resource.rs): Rust picks one of two helpers by
 * address and calls the one it picked through a pointer, which no inliner can inline.
 */
struct resource;
extern struct resource iomem_resource, ioport_resource;
extern void __release_region(struct resource *parent, unsigned long long start, unsigned long long n);

void rust_helper_release_mem_region(unsigned long long start, unsigned long long n)
{
	__release_region(&iomem_resource, start, n);
}

void rust_helper_release_region(unsigned long long start, unsigned long long n)
{
	__release_region(&ioport_resource, start, n);
}
