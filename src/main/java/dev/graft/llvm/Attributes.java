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
    private final LibLlvm capi;
    private final Map<String, Integer> kinds = new HashMap<>();
    private Map<Integer, String> names;

    Attributes(Context context) {
        this.context = context;
        this.capi = context.llvm.capi;
    }

    /** Reads all of a function's attributes in one pass over them (each native call costs). */
    public Snapshot read(Module.Function function) throws LlvmException {
        Map<String, String> strings = new LinkedHashMap<>();
        Set<String> enums = new HashSet<>();
        try (Arena arena = Arena.ofConfined()) {
            int count = (int) capi.getAttributeCountAtIndex.invokeExact(function.handle(), LibLlvm.FUNCTION_INDEX);
            MemorySegment all = arena.allocate(ValueLayout.ADDRESS, Math.max(count, 1));
            capi.getAttributesAtIndex.invokeExact(function.handle(), LibLlvm.FUNCTION_INDEX, all);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            for (int i = 0; i < count; i++) {
                MemorySegment attribute = all.getAtIndex(ValueLayout.ADDRESS, i);
                if ((int) capi.isStringAttribute.invokeExact(attribute) == 0) {
                    String name = names().get((int) capi.getEnumAttributeKind.invokeExact(attribute));
                    if (name != null) {
                        enums.add(name);
                    }
                    continue;
                }
                String key = sized((MemorySegment) capi.getStringAttributeKind.invokeExact(attribute, length), length);
                String value = sized((MemorySegment) capi.getStringAttributeValue.invokeExact(attribute, length),
                        length);
                strings.put(key, value);
            }
            return new Snapshot(strings, enums);
        } catch (Throwable t) {
            throw new LlvmException("cannot read attributes of " + function.name() + ": " + t);
        }
    }

    private Map<Integer, String> names() throws Throwable {
        if (names == null) {
            names = new HashMap<>();
            for (String name : ENUMS) {
                names.put(kind(name), name);
            }
        }
        return names;
    }

    /** Adds a string attribute, replacing the function's value for that key if it has one. */
    public void setString(Module.Function function, String key, String value) throws LlvmException {
        try (Arena arena = Arena.ofConfined()) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            MemorySegment attribute = (MemorySegment) capi.createStringAttribute.invokeExact(context.handle,
                    arena.allocateFrom(key, StandardCharsets.UTF_8), k.length,
                    arena.allocateFrom(value, StandardCharsets.UTF_8), v.length);
            capi.addAttributeAtIndex.invokeExact(function.handle(), LibLlvm.FUNCTION_INDEX, attribute);
        } catch (Throwable t) {
            throw new LlvmException("cannot set " + key + " on " + function.name() + ": " + t);
        }
    }

    public void add(Module.Function function, String enumAttribute) throws LlvmException {
        try {
            capi.addAttributeAtIndex.invokeExact(function.handle(), LibLlvm.FUNCTION_INDEX, enumAttribute(enumAttribute));
        } catch (Throwable t) {
            throw new LlvmException("cannot add " + enumAttribute + " to " + function.name() + ": " + t);
        }
    }

    /**
     * Marks every call from {@code caller} to {@code callee} {@code noinline}: the one attribute that stops
     * both the always-inliner and an inliner told to ignore target compatibility. Returns how many.
     */
    public int markCallsNoInline(Module.Function caller, Module.Function callee) throws LlvmException {
        int[] marked = {0};
        try {
            MemorySegment noinline = enumAttribute("noinline");
            FunctionCode.forEachInstruction(capi, caller, (i, opcode) -> {
                if ((opcode == LibLlvm.OPCODE_CALL || opcode == LibLlvm.OPCODE_INVOKE)
                        && ((MemorySegment) capi.getCalledValue.invokeExact(i)).equals(callee.handle())) {
                    capi.addCallSiteAttribute.invokeExact(i, LibLlvm.FUNCTION_INDEX, noinline);
                    marked[0]++;
                }
            });
            return marked[0];
        } catch (Throwable t) {
            throw new LlvmException("cannot mark calls to " + callee.name() + " noinline: " + t);
        }
    }

    private MemorySegment enumAttribute(String name) throws Throwable {
        return (MemorySegment) capi.createEnumAttribute.invokeExact(context.handle, kind(name), 0L);
    }

    private int kind(String name) throws Throwable {
        Integer known = kinds.get(name);
        if (known != null) {
            return known;
        }
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            int kind = (int) capi.getEnumAttributeKindForName.invokeExact(arena.allocateFrom(name,
                    StandardCharsets.UTF_8), (long) bytes.length);
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
