package dev.graft.llvm;

import dev.graft.ir.Linkage;

/**
 * The one translation between LLVM's C enum {@code LLVMLinkage} (llvm-c/Core.h) and graft's {@link Linkage},
 * so nothing outside this package compares raw C integers.
 */
final class LinkageCodes {

    private LinkageCodes() {
    }

    static Linkage fromC(int code) {
        return switch (code) {
            case 0, 10, 11 -> Linkage.EXTERNAL; // external, and the obsolete dllimport/dllexport linkages
            case 1 -> Linkage.AVAILABLE_EXTERNALLY;
            case 2 -> Linkage.LINKONCE;
            case 3, 4 -> Linkage.LINKONCE_ODR; // 4: the obsolete linkonce_odr_autohide
            case 5 -> Linkage.WEAK;
            case 6 -> Linkage.WEAK_ODR;
            case 7 -> Linkage.APPENDING;
            case 8 -> Linkage.INTERNAL;
            case 9, 15, 16 -> Linkage.PRIVATE; // and the obsolete linker_private kinds
            case 12 -> Linkage.EXTERN_WEAK;
            case 14 -> Linkage.COMMON;
            default -> throw new IllegalArgumentException("LLVM linkage code " + code + " is unknown to graft");
        };
    }

    static int toC(Linkage linkage) {
        return switch (linkage) {
            case EXTERNAL -> 0;
            case AVAILABLE_EXTERNALLY -> 1;
            case LINKONCE -> 2;
            case LINKONCE_ODR -> 3;
            case WEAK -> 5;
            case WEAK_ODR -> 6;
            case APPENDING -> 7;
            case INTERNAL -> 8;
            case PRIVATE -> 9;
            case EXTERN_WEAK -> 12;
            case COMMON -> 14;
        };
    }
}
