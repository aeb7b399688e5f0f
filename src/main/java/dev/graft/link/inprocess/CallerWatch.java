package dev.graft.link.inprocess;

import dev.graft.ir.CallSite;
import dev.graft.llvm.Attributes;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.report.Reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes of the helpers' callers that LLVM's own merge rules change when it inlines (stack
 * protector level, stack probes, vector width, jump tables, ...), taken before the passes run so the
 * report can list what changed on each Rust function.
 */
final class CallerWatch {

    /** Caller attributes LLVM changes when it inlines (its merge rules), watched so the report can say so. */
    private static final List<AttributeRule.Attribute> MERGED = AttributeRule.TABLE.stream()
            .filter(AttributeRule::mergedIntoCaller).flatMap(r -> r.attributes().stream()).toList();

    private final Map<String, Map<String, String>> before;

    private CallerWatch(Map<String, Map<String, String>> before) {
        this.before = before;
    }

    /** The caller attributes LLVM's merge rules may change, before inlining, to compare with {@link #changes}. */
    static CallerWatch before(Module module, List<CallSite> helperCalls)
            throws LlvmException {
        Map<String, Map<String, String>> watched = new LinkedHashMap<>();
        for (CallSite call : helperCalls) {
            if (!watched.containsKey(call.caller())) {
                Optional<Map<String, String>> now = watchedAttributes(module, call.caller());
                now.ifPresent(a -> watched.put(call.caller(), a));
            }
        }
        return new CallerWatch(watched);
    }

    /** What LLVM changed on the callers as it inlined helpers into them. */
    List<Reconciliation> changes(Module module) throws LlvmException {
        List<Reconciliation> merged = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : before.entrySet()) {
            Optional<Map<String, String>> after = watchedAttributes(module, e.getKey());
            if (after.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> a : after.get().entrySet()) {
                String old = e.getValue().get(a.getKey());
                if (!a.getValue().equals(old)) {
                    merged.add(ReconciliationWords.mergedByLlvm(e.getKey(), a.getKey(), Optional.ofNullable(old),
                            a.getValue()));
                }
            }
        }
        return merged;
    }

    private static Optional<Map<String, String>> watchedAttributes(Module module, String function)
            throws LlvmException {
        Optional<Module.Function> f = module.function(function);
        if (f.isEmpty() || f.get().declaration()) {
            return Optional.empty();
        }
        Attributes.Snapshot now = module.attributes().read(f.get());
        Map<String, String> watched = new LinkedHashMap<>();
        Map<String, String> strings = now.strings();
        for (AttributeRule.Attribute a : MERGED) {
            if (a.string() ? strings.containsKey(a.name()) : now.has(a.name())) {
                watched.put(a.name(), a.string() ? strings.get(a.name()) : "present");
            }
        }
        return Optional.of(watched);
    }
}
