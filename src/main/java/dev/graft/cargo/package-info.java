/**
 * graft under cargo: {@code RUSTC_WRAPPER=graft}. Decides from a rustc command line alone whether graft
 * has anything to do ({@link dev.graft.cargo.PassThroughRules}, before any toolchain or LLVM is
 * touched), finds helper bitcode without configuration ({@link dev.graft.cargo.HelperDiscovery}: named, written
 * by a build script, or compiled from the C a build script built, {@link dev.graft.cargo.DiscoveredHelpers}),
 * takes {@code graft rustc}'s options from the environment or the crate's manifest
 * ({@link dev.graft.cargo.WrapperSettings}), has
 * rustc emit one bitcode file per codegen unit besides its usual outputs, and replaces the objects
 * of the codegen units that call helpers: inside rlibs and staticlibs after rustc
 * ({@link dev.graft.cargo.ArchiveMembers}), on the link line of binaries, cdylibs, dylibs and test
 * harnesses through a linker shim ({@link dev.graft.cargo.LinkerShim}). Objects come from
 * {@link dev.graft.job.CrateJob}, which this package keeps only the archive and link-line mechanics of;
 * it never touches IR or LLVM itself, and never
 * changes how rustc names or places its outputs.
 */
package dev.graft.cargo;
