package dev.graft.cli;

import dev.graft.ExitCode;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DoctorCommandTest {

    @TempDir
    Path dir;

    @Test
    void findsRustcAndTheLlvmOfTheSameMajorVersion() {
        int major = TestToolchain.require().rustc().llvmVersion().major();
        GraftRun run = GraftRun.run(dir, "doctor");
        run.succeeded();
        assertThat(run.out()).contains("ok: rustc and LLVM " + major + " agree").contains("llvm-link");
    }

    @Test
    void refusesAnOlderLlvmDirectoryWithExitThree() throws Exception {
        int major = TestToolchain.require().rustc().llvmVersion().major();
        Path fake = fakeLlvm(dir.resolve("llvm-14"), "14.0.6");
        GraftRun run = GraftRun.run(dir, "doctor", "--llvm-dir", fake.toString());
        run.failedWith(ExitCode.TOOLCHAIN);
        assertThat(run.err()).contains("is version 14.0.6").contains("apt-get install -y clang-" + major);
        assertThat(run.err().lines().filter(l -> l.startsWith("graft:")).count()).isEqualTo(1);
    }

    @Test
    void namesTheVersionOfAnOlderLlvmEvenWithoutItsClang() throws Exception {
        Path fake = fakeLlvm(dir.resolve("llvm-14"), "14.0.6");
        Files.delete(fake.resolve("bin/clang"));
        GraftRun run = GraftRun.run(dir, "doctor", "--llvm-dir", fake.toString());
        run.failedWith(ExitCode.TOOLCHAIN);
        assertThat(run.err()).contains("is version 14.0.6 but rustc");
    }

    @Test
    void reportsMissingLlvmWithWhatToInstall() {
        GraftRun run = GraftRun.run(dir, Map.of("GRAFT_LLVM_DIR", dir.resolve("nowhere").toString()), "doctor");
        run.failedWith(ExitCode.TOOLCHAIN);
        assertThat(run.err()).contains("no clang and llvm-link in").contains("apt-get install -y clang-");
    }

    @Test
    void reportsMissingRustcWithExitThree() throws Exception {
        GraftRun run = GraftRun.run(dir, Map.of("RUSTC", dir.resolve("no-rustc").toString()), "doctor");
        run.failedWith(ExitCode.TOOLCHAIN);
        assertThat(run.err()).contains("rustc");
    }

    @Test
    void unknownOptionsAreBadUsage() {
        GraftRun run = GraftRun.run(dir, "doctor", "--frobnicate");
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("graft: Unknown option: '--frobnicate'");
    }

    @Test
    void rustcOnAnLlvmNewerThanAnyInstalledNamesThePackagesToInstall() throws Exception {
        Path rustc = dir.resolve("rustc-llvm99");
        script(rustc, "echo 'rustc 9.0.0 (future)'; echo 'host: x86_64-unknown-linux-gnu'; "
                + "echo 'release: 9.0.0'; echo 'LLVM version: 99.1.0'");
        GraftRun run = GraftRun.run(dir, Map.of("RUSTC", rustc.toString()), "doctor");
        run.failedWith(ExitCode.TOOLCHAIN);
        assertThat(run.err()).contains("uses LLVM 99.1.0 but no LLVM 99 tools").contains("clang-99 llvm-99 lld-99");
    }

    @Test
    void refusesAnInstallationWhoseClangAndLlvmLinkDisagree() throws Exception {
        int major = TestToolchain.require().rustc().llvmVersion().major();
        Path mixed = fakeLlvm(dir.resolve("mixed"), major + ".1.0");
        script(mixed.resolve("bin/clang"), "echo 'clang version " + (major - 1) + ".0.0'");
        GraftRun run = GraftRun.run(dir, "doctor", "--llvm-dir", mixed.toString());
        run.failedWith(ExitCode.TOOLCHAIN);
        assertThat(run.err()).contains("mixes LLVM versions: clang " + (major - 1));
    }

    @Test
    void saysWhenLibLlvmOfTheRightVersionIsMissing() throws Exception {
        int major = TestToolchain.require().rustc().llvmVersion().major();
        Path llvm = fakeLlvm(dir.resolve("no-lib"), major + ".1.8");
        Files.createDirectories(llvm.resolve("lib"));
        // A libLLVM of another version is no libLLVM for this rustc.
        Files.writeString(llvm.resolve("lib/libLLVM.so." + (major - 1) + ".1"), "");
        GraftRun run = GraftRun.run(dir, "doctor", "--llvm-dir", llvm.toString());
        run.succeeded();
        assertThat(run.out()).contains("libLLVM      not found (only the inprocess backend needs it)");

        Files.writeString(llvm.resolve("lib/libLLVM.so." + major + ".1"), "");
        GraftRun found = GraftRun.run(dir, "doctor", "--llvm-dir", llvm.toString());
        assertThat(found.out()).contains("libLLVM      " + llvm.resolve("lib/libLLVM.so." + major + ".1"));
    }

    /** A stand-in LLVM installation whose clang and llvm-link report {@code version}. */
    private static Path fakeLlvm(Path root, String version) throws Exception {
        Path bin = Files.createDirectories(root.resolve("bin"));
        script(bin.resolve("clang"), "echo 'Debian clang version " + version + "'");
        script(bin.resolve("llvm-link"), "echo 'LLVM (http://llvm.org/):'; echo '  LLVM version " + version + "'");
        for (String tool : new String[]{"llvm-as", "llvm-dis", "llvm-nm", "llvm-objdump"}) {
            script(bin.resolve(tool), "exit 0");
        }
        return root;
    }

    private static void script(Path path, String body) throws Exception {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
