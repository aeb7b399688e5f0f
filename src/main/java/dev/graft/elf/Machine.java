package dev.graft.elf;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The architectures whose objects the editor edits, and what it must know of their relocations: the addend with
 * which a relocation of a given type names the start of its symbol. A reference with any other addend points
 * inside a function, which a replacement elsewhere cannot honour.
 */
public enum Machine {

    X86_64(62) {
        @Override
        OptionalLong startAddend(int type, boolean fromCode) {
            return switch (type) {
                case R_X86_64_64, R_X86_64_32, R_X86_64_32S -> OptionalLong.of(0);
                // A PC-relative field in an instruction counts from the instruction's end: the 4-byte
                // displacement is its last field whenever the target is a function (call, jmp, lea).
                case R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_GOTPCREL, R_X86_64_PC64, R_X86_64_GOTPCRELX,
                     R_X86_64_REX_GOTPCRELX -> OptionalLong.of(fromCode ? -4 : 0);
                default -> OptionalLong.empty();
            };
        }
    },

    AARCH64(183) {
        @Override
        OptionalLong startAddend(int type, boolean fromCode) {
            return switch (type) {
                // AArch64 relocations carry no instruction bias: the addend is the offset from the symbol.
                case R_AARCH64_ABS64, R_AARCH64_ABS32, R_AARCH64_PREL64, R_AARCH64_PREL32, R_AARCH64_ADR_PREL_LO21,
                     R_AARCH64_ADR_PREL_PG_HI21, R_AARCH64_ADD_ABS_LO12_NC, R_AARCH64_JUMP26, R_AARCH64_CALL26,
                     R_AARCH64_ADR_GOT_PAGE, R_AARCH64_LD64_GOT_LO12_NC -> OptionalLong.of(0);
                default -> OptionalLong.empty();
            };
        }
    };

    private static final int R_X86_64_64 = 1;
    private static final int R_X86_64_PC32 = 2;
    private static final int R_X86_64_PLT32 = 4;
    private static final int R_X86_64_GOTPCREL = 9;
    private static final int R_X86_64_32 = 10;
    private static final int R_X86_64_32S = 11;
    private static final int R_X86_64_PC64 = 24;
    private static final int R_X86_64_GOTPCRELX = 41;
    private static final int R_X86_64_REX_GOTPCRELX = 42;
    private static final int R_AARCH64_ABS64 = 257;
    private static final int R_AARCH64_ABS32 = 258;
    private static final int R_AARCH64_PREL64 = 260;
    private static final int R_AARCH64_PREL32 = 261;
    private static final int R_AARCH64_ADR_PREL_LO21 = 274;
    private static final int R_AARCH64_ADR_PREL_PG_HI21 = 275;
    private static final int R_AARCH64_ADD_ABS_LO12_NC = 277;
    private static final int R_AARCH64_JUMP26 = 282;
    private static final int R_AARCH64_CALL26 = 283;
    private static final int R_AARCH64_ADR_GOT_PAGE = 311;
    private static final int R_AARCH64_LD64_GOT_LO12_NC = 312;

    private final int elfMachine;

    Machine(int elfMachine) {
        this.elfMachine = elfMachine;
    }

    /**
     * The addend with which a relocation of {@code type} in code ({@code fromCode}) or data refers to the start
     * of its target; empty for a type the editor does not know well enough to redirect.
     */
    abstract OptionalLong startAddend(int type, boolean fromCode);

    static Optional<Machine> of(int elfMachine) {
        for (Machine machine : values()) {
            if (machine.elfMachine == elfMachine) {
                return Optional.of(machine);
            }
        }
        return Optional.empty();
    }
}
