package dev.graft.bench;

import dev.graft.helpers.HelperFlags;

import java.util.ArrayList;
import java.util.List;

/**
 * The variants compared: plain (a call per helper use), graft and graft-tools (helpers inlined by
 * graft rustc with the default in-process backend and with the tools backend), lto-thin and lto-fat (rustc -Clinker-plugin-lto with helpers compiled -flto, linked by lld), and c
 * (the same loops in C on the inline API, no crate at all: the limit).
 */
final class Variants {

    private Variants() {
    }

    static List<Variant> all(BenchSetup s) {
        return List.of(plain(s), graft(s, "inprocess"), graft(s, "tools"), lto(s, "thin"), lto(s, "full"), c(s));
    }

    private static Variant plain(BenchSetup s) {
        Variant.Step helpers = new Variant.Step(s.clang(), s.with(s.cflags(), "-c", s.helpersSource().toString(),
                "-o", "plain-helpers.o"));
        Variant.Step crate = new Variant.Step(s.rustc(), s.with(s.rustFlags(), "--emit=obj=plain-crate.o",
                s.workloads().toString()));
        return new Variant("plain", List.of(helpers), crate, link(s, "plain", List.of("plain-crate.o",
                "plain-helpers.o"), List.of()), s.build().resolve("plain"));
    }

    /** graft with one backend; the default (in-process) backend's variant is called plainly "graft". */
    private static Variant graft(BenchSetup s, String backend) {
        String name = backend.equals("inprocess") ? "graft" : "graft-" + backend;
        List<String> helperArgs = new ArrayList<>(List.of("helpers", "-o", "graft-helpers.bc",
                s.helpersSource().toString(), "--"));
        helperArgs.addAll(s.cflags());
        Variant.Step helpers = new Variant.Step(s.graft(), helperArgs);
        // No --report: a build pays only for what it uses (the report costs two more tool runs).
        List<String> rustcArgs = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers",
                "graft-helpers.bc", "--"));
        rustcArgs.addAll(s.with(s.rustFlags(), "--emit=obj=" + name + "-crate.o", s.workloads().toString()));
        return new Variant(name, List.of(helpers), new Variant.Step(s.graft(), rustcArgs),
                link(s, name, List.of(name + "-crate.o"), List.of()), s.build().resolve(name));
    }

    /** {@code kind} is clang's -flto= value: thin or full. */
    private static Variant lto(BenchSetup s, String kind) {
        String name = kind.equals("full") ? "lto-fat" : "lto-thin";
        // LTO gets its best case: the helpers' flags without those that block inlining into Rust, as graft uses.
        List<String> flags = s.cflags().stream().filter(f -> !HelperFlags.INLINING_BLOCKERS.contains(f)).toList();
        Variant.Step helpers = new Variant.Step(s.clang(), s.with(flags, "-flto=" + kind, "-c",
                s.helpersSource().toString(), "-o", name + "-helpers.o"));
        Variant.Step crate = new Variant.Step(s.rustc(), s.with(s.rustFlags(), "-Clinker-plugin-lto",
                "--emit=obj=" + name + "-crate.o", s.workloads().toString()));
        return new Variant(name, List.of(helpers), crate, link(s, name, List.of(name + "-crate.o",
                name + "-helpers.o"), List.of("-flto=" + kind, "-fuse-ld=lld")), s.build().resolve(name));
    }

    private static Variant c(BenchSetup s) {
        return new Variant("c", List.of(), null, link(s, "c", List.of(), List.of("-DC_VARIANT")),
                s.build().resolve("c"));
    }

    /** The program's link: the driver compiled with the same kernel-style flags, then the objects. */
    private static Variant.Step link(BenchSetup s, String output, List<String> objects, List<String> extra) {
        List<String> args = new ArrayList<>(s.cflags());
        args.addAll(extra);
        args.addAll(List.of("-no-pie", "-o", output, s.driver().toString()));
        args.addAll(objects);
        return new Variant.Step(s.clang(), args);
    }
}
