package dev.graft.link.inprocess;

import dev.graft.llvm.Attributes;
import dev.graft.llvm.CodeFacts;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.report.Reconciliation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of one module as reconciliation reads and edits them: each function's attributes, target
 * features and code facts read once (and again only after graft changed them), and the list of every change
 * graft made, for the report.
 */
final class AttributeEditor {

    private final Module module;
    private final Attributes attributes;
    private final Map<String, CodeFacts> facts = new HashMap<>();
    private final Map<String, Attributes.Snapshot> snapshots = new HashMap<>();
    private final Map<String, TargetFeatures> targets = new HashMap<>();
    private final List<Reconciliation> changes = new ArrayList<>();

    AttributeEditor(Module module) {
        this.module = module;
        this.attributes = module.attributes();
    }

    Module module() {
        return module;
    }

    Attributes attributes() {
        return attributes;
    }

    /** Every change graft made so far, in order. */
    List<Reconciliation> changes() {
        return changes;
    }

    void note(Reconciliation change) {
        changes.add(change);
    }

    /** The function's attributes, read once and again only after graft changed them. */
    Attributes.Snapshot of(Module.Function function) throws LlvmException {
        Attributes.Snapshot known = snapshots.get(function.name());
        if (known == null) {
            known = attributes.read(function);
            snapshots.put(function.name(), known);
        }
        return known;
    }

    TargetFeatures features(Module.Function function) throws LlvmException {
        TargetFeatures known = targets.get(function.name());
        if (known == null) {
            known = TargetFeatures.of(of(function).strings());
            targets.put(function.name(), known);
        }
        return known;
    }

    void setString(Module.Function function, String key, String value) throws LlvmException {
        attributes.setString(function, key, value);
        snapshots.remove(function.name());
        targets.remove(function.name());
    }

    void addEnum(Module.Function function, String name) throws LlvmException {
        attributes.add(function, name);
        snapshots.remove(function.name());
    }

    CodeFacts facts(Module.Function helper) throws LlvmException {
        CodeFacts known = facts.get(helper.name());
        if (known == null) {
            known = module.codeFacts(helper);
            facts.put(helper.name(), known);
        }
        return known;
    }
}
