package dev.graft.elf;

import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the editor cannot do exactly, it refuses, with a reason in one line and the input untouched: objects
 * without function sections, comdats, references into a function's middle, names it cannot find or would clash,
 * and objects it does not understand (32-bit, relocations without addends, 64-bit frame records, truncation).
 */
class FunctionRemovalRefusalsTest extends ObjectEditTestCase {

    @Test
    void refusesAnObjectWithoutFunctionSectionsAndLeavesItAlone() throws Exception {
        Fixtures.copy(dir, "elf", List.of("dispatch.c"));
        Path object = clang("dispatch.c", "whole.o", List.of("-O2", "-fno-function-sections"));
        assertRefused(object, List.of(new Replacement("dispatch", "dispatch"), new Replacement("dispatch_again",
                "dispatch_again")), "(compiled without function sections?)");
    }

    @Test
    void refusesAFunctionInAComdatGroup() throws Exception {
        Fixtures.copy(dir, "elf", List.of("comdat.cc"));
        Path object = dir.resolve("comdat.o");
        run(toolchain.llvm().clang(), "-x", "c++", "-O0", "-ffunction-sections", "-c", "comdat.cc", "-o",
                object.toString());
        assertRefused(object, List.of(new Replacement("_Z5twicei", "_Z5twicei")), "section group");
    }

    @Test
    void refusesWhenDataThatStaysPointsIntoTheMiddleOfAFunction() throws Exception {
        Fixtures.copy(dir, "elf", List.of("interior.s"));
        Path object = clang("interior.s", "interior.o", List.of());
        assertRefused(object, List.of(new Replacement("entered", "entered")),
                ".data.rel.ro.table refers into entered at addend 2, not to its start");
    }

    @Test
    void refusesAMissingSymbolAndAnObjectWithoutAddends() throws Exception {
        Fixtures.copy(dir, "elf", List.of("dispatch.c"));
        Path object = clang("dispatch.c", "dispatch.o", List.of("-O2", "-ffunction-sections"));
        assertRefused(object, List.of(new Replacement("dispatch", "dispatch"), new Replacement("nosuch", "nosuch")),
                "no symbol nosuch");
        assertRefused(object, List.of(new Replacement("dispatch", "other_name")), "must keep its name");
        assertRefused(object, List.of(new Replacement("scale", "dispatch")), "already a symbol");
        assertRefused(object, List.of(new Replacement("dispatch", "dispatch")),
                "also defines dispatch_again, an alias of it: replace its aliases with it");
        assertRefused(object, List.of(), List.of(new HiddenAlias("dispatch", "other")), "no local function or data");
        assertRefused(object, List.of(), List.of(new HiddenAlias("count", "main")), "already a global symbol");
        assertRefused(object, List.of(new Replacement("count", "graft_count")),
                List.of(new HiddenAlias("count", "count")), "in a section the edit removes");
        Path i386 = clang("dispatch.c", "i386.o", List.of("--target=i686-linux-gnu", "-O2", "-ffunction-sections"));
        assertRefused(i386, List.of(new Replacement("dispatch", "dispatch")), "not a 64-bit");
    }

    @Test
    void refusesRelocationsWithoutAddendsLongFrameRecordsAndTruncatedObjects() throws Exception {
        Fixtures.copy(dir, "elf", List.of("dispatch.c"));
        Path object = clang("dispatch.c", "dispatch.o", List.of("-O2", "-ffunction-sections"));
        byte[] bytes = Files.readAllBytes(object);
        List<Replacement> dispatch = List.of(new Replacement("dispatch", "dispatch"));
        RelocatableObject elf = RelocatableObject.read(bytes);
        ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int sectionHeaders = Math.toIntExact(file.getLong(0x28));

        Path rel = dir.resolve("rel.o");
        Files.write(rel, patched(bytes, sectionHeaders + 64 * section(elf, ".rela.text.main").index() + 4, 9));
        assertRefused(rel, dispatch, "SHT_REL");

        Path longFrame = dir.resolve("long-frame.o");
        Files.write(longFrame, patched(bytes, Math.toIntExact(section(elf, ".eh_frame").offset()), 0xffffffff));
        assertRefused(longFrame, dispatch, "64-bit record length");

        for (int length = 0; length < bytes.length; length += Math.max(1, bytes.length / 97)) {
            Path truncated = dir.resolve("truncated.o");
            Files.write(truncated, Arrays.copyOf(bytes, length));
            assertRefused(truncated, dispatch, "");
        }
    }

    private static Section section(RelocatableObject elf, String name) {
        return elf.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static byte[] patched(byte[] bytes, int offset, int value) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    private void assertRefused(Path object, List<Replacement> replacements, String reason) throws Exception {
        assertRefused(object, replacements, List.of(), reason);
    }

    private void assertRefused(Path object, List<Replacement> replacements, List<HiddenAlias> aliases, String reason)
            throws Exception {
        byte[] bytes = Files.readAllBytes(object);
        byte[] copy = bytes.clone();
        assertThatThrownBy(() -> FunctionRemoval.apply(bytes, replacements, aliases))
                .isInstanceOf(Refused.class).hasMessageContaining(reason);
        assertThat(Arrays.equals(bytes, copy)).as("the input is untouched").isTrue();
    }
}
