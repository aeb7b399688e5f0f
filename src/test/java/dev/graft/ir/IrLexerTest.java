package dev.graft.ir;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IrLexerTest {

    @Test
    void stringsAndCommentsHideWhatLooksLikeCode() throws IrParseException {
        List<Token> tokens = IrLexer.tokenize("""
                ; define void @in_comment() {
                @s = constant [9 x i8] c"define;\\22x"
                """);
        assertThat(tokens).extracting(Token::text).containsExactly("@s", "=", "constant", "[", "9", "x", "i8", "]",
                "c\"define;\\22x\"");
        assertThat(tokens).noneMatch(t -> t.isWord("define"));
    }

    @Test
    void quotedNamesAreOneTokenAndDecodeTheirEscapes() throws IrParseException {
        List<Token> tokens = IrLexer.tokenize("call void @\"graft odd\\22name\"() %\"a b\" $\"c d\"");
        assertThat(tokens.get(2).kind()).isEqualTo(Token.Kind.GLOBAL_ID);
        assertThat(tokens.get(2).identifierName()).isEqualTo("graft odd\"name");
        assertThat(tokens.get(5).kind()).isEqualTo(Token.Kind.LOCAL_ID);
        assertThat(tokens.get(6).kind()).isEqualTo(Token.Kind.COMDAT_ID);
    }

    @Test
    void tellsMetadataAttributeGroupsAndPunctuationApart() throws IrParseException {
        List<Token> tokens = IrLexer.tokenize("!llvm.module.flags = !{!0} #0 #dbg_value(...)");
        assertThat(tokens).extracting(Token::kind).containsExactly(Token.Kind.METADATA_ID, Token.Kind.PUNCTUATION,
                Token.Kind.PUNCTUATION, Token.Kind.PUNCTUATION, Token.Kind.METADATA_ID, Token.Kind.PUNCTUATION,
                Token.Kind.ATTRIBUTE_GROUP_ID, Token.Kind.ATTRIBUTE_GROUP_ID, Token.Kind.PUNCTUATION,
                Token.Kind.WORD, Token.Kind.PUNCTUATION);
    }

    @Test
    void reportsWhereTheTextStopsBeingIr() {
        assertThatThrownBy(() -> IrLexer.tokenize("define void @f() {\n  ret void ~\n}"))
                .isInstanceOf(IrParseException.class).hasMessage("line 2:12: unexpected character '~'");
        assertThatThrownBy(() -> IrLexer.tokenize("@x = constant c\"open")).hasMessageContaining("unterminated string");
    }
}
