package dev.graft.llvm;

import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The function and call-site attributes of one module's functions, read and edited. Valid while the
 * module it came from is; enum attributes are named as in textual IR ({@code null_pointer_is_valid}).
 */
public final class Attributes {

    /** A function's attributes at one moment: its string attributes, and which of {@link #ENUMS} it has. */
    public record Snapshot(Map<String, String> strings, Set<String> enums) {
        public Snapshot {
            strings = Collections.unmodifiableMap(new LinkedHashMap<>(strings));
            enums = Set.copyOf(enums);
        }

        public boolean has(String enumAttribute) {
            if (!ENUMS.contains(enumAttribute)) {
                throw new IllegalArgumentException(enumAttribute + " is not among the attributes a snapshot reads");
            }
            return enums.contains(enumAttribute);
        }
    }

    /** The enum attributes graft reads (the C API names none: each name is turned into LLVM's kind number). */
    public static final Set<String> ENUMS = Set.of("sanitize_address", "sanitize_hwaddress", "sanitize_memory",
            "sanitize_thread", "sanitize_memtag", "safestack", "shadowcallstack", "strictfp", "ssp", "sspstrong",
            "sspreq", "null_pointer_is_valid", "speculative_load_hardening", "noinline", "optnone", "alwaysinline");

    private final Context context;
    private final Module module;
    private final LibLlvm capi;
    private final Map<String, Integer> kinds = new HashMap<>();
    private Map<Integer, String> names;

    Attributes(Context context, Module module) {
        this.context = context;
        this.module = module;
        this.capi = context.llvm.capi;
    }

    /** Reads all of a function's attributes in one pass over them (each native call costs). */
    public Snapshot read(Module.Function function) throws LlvmException {
        MemorySegment f = module.own(function);
        Map<String, String> strings = new LinkedHashMap<>();
        Set<String> enums = new HashSet<>();
        try (Arena arena = Arena.ofConfined()) {
            int count = capi.getAttributeCountAtIndex(f, LibLlvm.FUNCTION_INDEX);
            MemorySegment all = arena.allocate(ValueLayout.ADDRESS, Math.max(count, 1));
            capi.getAttributesAtIndex(f, LibLlvm.FUNCTION_INDEX, all);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            for (int i = 0; i < count; i++) {
                MemorySegment attribute = all.getAtIndex(ValueLayout.ADDRESS, i);
                if (!capi.isStringAttribute(attribute)) {
                    String name = names().get(capi.getEnumAttributeKind(attribute));
                    if (name != null) {
                        enums.add(name);
                    }
                    continue;
                }
                String key = sized(capi.getStringAttributeKind(attribute, length), length);
                String value = sized(capi.getStringAttributeValue(attribute, length), length);
                strings.put(key, value);
            }
            return new Snapshot(strings, enums);
        }
    }

    private Map<Integer, String> names() throws LlvmException {
        if (names == null) {
            names = new HashMap<>();
            for (String name : ENUMS) {
                names.put(kind(name), name);
            }
        }
        return names;
    }

    /** Adds a string attribute, replacing the function's value for that key if it has one. */
    public void setString(Module.Function function, String key, String value) {
        MemorySegment f = module.own(function);
        try (Arena arena = Arena.ofConfined()) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            MemorySegment attribute = capi.createStringAttribute(context.handle,
                    arena.allocateFrom(key, StandardCharsets.UTF_8), k.length,
                    arena.allocateFrom(value, StandardCharsets.UTF_8), v.length);
            capi.addAttributeAtIndex(f, LibLlvm.FUNCTION_INDEX, attribute);
        }
    }

    /** Whether the function has the enum attribute (one of {@link #ENUMS}). */
    public boolean has(Module.Function function, String enumAttribute) throws LlvmException {
        return !capi.getEnumAttributeAtIndex(module.own(function), LibLlvm.FUNCTION_INDEX, kind(enumAttribute))
                .equals(MemorySegment.NULL);
    }

    /** Removes the enum attribute (one of {@link #ENUMS}) from the function, if it has it. */
    public void remove(Module.Function function, String enumAttribute) throws LlvmException {
        capi.removeEnumAttributeAtIndex(module.own(function), LibLlvm.FUNCTION_INDEX, kind(enumAttribute));
    }

    public void add(Module.Function function, String enumAttribute) throws LlvmException {
        capi.addAttributeAtIndex(module.own(function), LibLlvm.FUNCTION_INDEX, enumAttribute(enumAttribute));
    }

    /**
     * Marks every call from {@code caller} to {@code callee} {@code noinline}: the one attribute that stops
     * both the always-inliner and an inliner told to ignore target compatibility. Returns how many.
     */
    public int markCallsNoInline(Module.Function caller, Module.Function callee) throws LlvmException {
        int[] marked = {0};
        MemorySegment noinline = enumAttribute("noinline");
        MemorySegment target = module.own(callee);
        FunctionCode.forEachInstruction(capi, module.own(caller), (i, opcode) -> {
            if ((opcode == LibLlvm.OPCODE_CALL || opcode == LibLlvm.OPCODE_INVOKE)
                    && capi.getCalledValue(i).equals(target)) {
                capi.addCallSiteAttribute(i, LibLlvm.FUNCTION_INDEX, noinline);
                marked[0]++;
            }
        });
        return marked[0];
    }

    private MemorySegment enumAttribute(String name) throws LlvmException {
        return capi.createEnumAttribute(context.handle, kind(name), 0L);
    }

    private int kind(String name) throws LlvmException {
        Integer known = kinds.get(name);
        if (known != null) {
            return known;
        }
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            int kind = capi.getEnumAttributeKindForName(arena.allocateFrom(name, StandardCharsets.UTF_8),
                    bytes.length);
            if (kind == 0) {
                throw new LlvmException("this LLVM has no attribute called " + name);
            }
            kinds.put(name, kind);
            return kind;
        }
    }

    private static String sized(MemorySegment text, MemorySegment length) {
        int n = length.get(ValueLayout.JAVA_INT, 0);
        return n == 0 ? "" : new String(text.reinterpret(n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }
}
