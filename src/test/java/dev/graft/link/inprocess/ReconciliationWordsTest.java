package dev.graft.link.inprocess;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a refusal LLVM makes over an attribute graft leaves alone says: the difference, then what to do. */
class ReconciliationWordsTest {

    private static AttributeRule ruleFor(String attribute) {
        return AttributeRule.TABLE.stream().filter(r -> r.attributes().stream().anyMatch(a -> a.matches(attribute)))
                .findFirst().orElseThrow();
    }

    @Test
    void aDifferenceLlvmRefusesOverIsExplainedWithWhatToDo() {
        Blocker safestack = new Blocker.OneSided(ruleFor("safestack"), "safestack", true);
        Blocker denormal = new Blocker.ValuesDiffer(ruleFor("denormal-fp-math"), "denormal-fp-math",
                Optional.of("preserve-sign,preserve-sign"), Optional.empty());
        assertThat(ReconciliationWords.explain(List.of(safestack, denormal))).isEqualTo(
                "safestack is on the helper only: build both with safestack or neither; denormal-fp-math differs "
                        + "(preserve-sign,preserve-sign in the helper, default in the caller): build the helpers and "
                        + "the crate with the same denormal mode");
    }
}
