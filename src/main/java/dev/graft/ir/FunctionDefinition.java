package dev.graft.ir;

import java.util.List;
import java.util.Optional;

/**
 * A {@code define} in the module, with the header facts that decide how it may be patched.
 *
 * @param linkageToken the linkage keyword's token, when the header has one
 * @param nameToken    the {@code @name} token
 * @param visibility   {@code hidden}/{@code protected}/{@code default} and its token, if written
 * @param dllStorage   the {@code dllexport}/{@code dllimport} token, if written
 * @param attributeGroups the function's attribute group references ({@code #0}) in its header
 */
public record FunctionDefinition(String name, Linkage linkage, Optional<Token> linkageToken, Token defineToken,
                                 Token nameToken, Optional<Token> visibility, Optional<Token> dllStorage,
                                 boolean hasComdat, Optional<String> section, boolean variadic,
                                 FunctionSignature signature, List<String> attributeGroups) {

    public FunctionDefinition {
        attributeGroups = List.copyOf(attributeGroups);
    }
}
