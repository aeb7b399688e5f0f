package dev.graft.testkit;

import dev.graft.GraftException;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.util.Optional;

/**
 * The real toolchain for integration tests. A missing or mismatched toolchain FAILS the test with
 * graft's own message; it never skips (CI must not go green on a machine that tested nothing).
 */
public final class TestToolchain {

    private static Toolchain cached;

    private TestToolchain() {
    }

    public static synchronized Toolchain require() {
        if (cached == null) {
            try {
                cached = new ToolchainLocator(ProcessRunner.quiet(), System.getenv(), Optional.empty()).locate();
            } catch (GraftException e) {
                throw new AssertionError("integration tests need rustc and the LLVM of its version: "
                        + e.getMessage() + " (scripts/setup-toolchain installs it)", e);
            }
        }
        return cached;
    }
}
