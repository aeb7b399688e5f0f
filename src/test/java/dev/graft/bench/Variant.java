package dev.graft.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One way of building the workload program. {@code setup} runs once and is not timed (helpers compiled
 * for every crate alike); {@code crateStep} is the per-crate compile a build pays each time;
 * {@code linkStep} makes the program (where LTO does its work).
 */
record Variant(String name, List<Step> setup, Step crateStep, Step linkStep, Path binary) {

    /** One process of a build: a program and its arguments. */
    record Step(Path program, List<String> args) {
    }
}
