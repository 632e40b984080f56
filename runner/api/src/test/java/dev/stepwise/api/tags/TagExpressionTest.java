package dev.stepwise.api.tags;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TagExpressionTest {

    private static boolean matches(String expr, String... tags) {
        return TagExpression.parse(expr).matches(Arrays.asList(tags));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t\n"})
    void blankMatchesEverything(String expr) {
        TagExpression e = TagExpression.parse(expr);
        assertTrue(e.isAlwaysTrue());
        assertTrue(e.matches(List.of()));
        assertTrue(e.matches(List.of("x")));
        assertEquals("", e.toString());
        assertTrue(TagExpression.parse(null).matches(Set.of()));
    }

    @Test
    void singleTag() {
        assertTrue(matches("smoke", "smoke", "slow"));
        assertFalse(matches("smoke", "slow"));
        assertFalse(matches("smoke"));
    }

    @Test
    void andOrNotAndComma() {
        assertTrue(matches("a & b", "a", "b"));
        assertFalse(matches("a & b", "a"));
        assertTrue(matches("a, b", "a", "b"));
        assertFalse(matches("a,b", "b"));
        assertTrue(matches("a | b", "b"));
        assertFalse(matches("a | b", "c"));
        assertTrue(matches("!a", "b"));
        assertFalse(matches("!a", "a"));
        assertTrue(matches("!!a", "a"));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // a | b & c  ==  a | (b & c)
        assertTrue(matches("a | b & c", "a"));
        assertFalse(matches("a | b & c", "b"));
        assertTrue(matches("a | b & c", "b", "c"));
        // comma has the precedence of &
        assertTrue(matches("a | b , c", "a"));
        assertFalse(matches("a | b , c", "c"));
        // !a & b  ==  (!a) & b
        assertTrue(matches("!a & b", "b"));
        assertFalse(matches("!a & b", "a", "b"));
        assertFalse(matches("!a & b"));
        // !a | b == (!a) | b
        assertTrue(matches("!a | b", "a", "b"));
        assertTrue(matches("!a | b"));
        assertFalse(matches("!a | b", "a"));
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertFalse(matches("(a | b) & c", "a"));
        assertTrue(matches("(a | b) & c", "a", "c"));
        assertTrue(matches("!(a & b)", "a"));
        assertFalse(matches("!(a & b)", "a", "b"));
        assertTrue(matches("((a))", "a"));
        assertTrue(matches("!((a | b) & !(c | d))", "a", "c"));
        assertFalse(matches("!((a | b) & !(c | d))", "a"));
    }

    @Test
    void whitespaceIsOptional() {
        assertTrue(matches("a&!b|c", "a"));
        assertTrue(matches("  a  &  b  ", "a", "b"));
        assertEquals(TagExpression.parse("a&!b|c"), TagExpression.parse(" a & ! b | c "));
    }

    @Test
    void tagNamesMayHoldPunctuationAndKeywordLikeWords() {
        assertTrue(matches("smoke:fast", "smoke:fast"));
        assertFalse(matches("smoke:fast", "smoke"));
        assertTrue(matches("a-b & jira#12 & v1.2", "a-b", "jira#12", "v1.2"));
        assertTrue(matches("true", "true"));
        assertFalse(matches("true", "x"));
        assertFalse(matches("false"));
        assertTrue(matches("!false"));
    }

    @Test
    void caseInsensitiveByDefault() {
        assertTrue(matches("Smoke & FAST", "smoke", "fast"));
        assertTrue(matches("smoke", "SMOKE"));
        assertEquals("smoke & fast", TagExpression.parse("Smoke & FAST").toString());
    }

    @Test
    void caseSensitiveOnRequest() {
        TagExpression e = TagExpression.parse("Smoke", true);
        assertTrue(e.isCaseSensitive());
        assertTrue(e.matches(List.of("Smoke")));
        assertFalse(e.matches(List.of("smoke")));
        assertEquals("Smoke", e.toString());
        assertNotEquals(TagExpression.parse("smoke", true), TagExpression.parse("smoke", false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "a&b ; a & b",
            "a,b ; a & b",
            "(a & b) & c ; a & b & c",
            "a | (b | c) ; a | b | c",
            "(a | b) & c ; (a | b) & c",
            "a | (b & c) ; a | b & c",
            "!(a) ; !a",
            "!(a | b) ; !(a | b)",
            "!(!a) ; !!a",
            "((a)) | ((b)) ; a | b",
            "a & (b | c) & !d ; a & (b | c) & !d",
    })
    void canonicalForm(String input, String canonical) {
        TagExpression e = TagExpression.parse(input);
        assertEquals(canonical, e.toString());
        assertEquals(e, TagExpression.parse(e.toString()), "canonical form parses to an equal expression");
        assertEquals(e.hashCode(), TagExpression.parse(e.toString()).hashCode());
    }

    @Test
    void canonicalFormPreservesMeaning() {
        String[] exprs = {"a | b & !c", "!(a | b) , c", "(a|b)&(c|!d)", "!!a | !b & c"};
        List<List<String>> tagSets = List.of(List.of(), List.of("a"), List.of("b"), List.of("c"), List.of("d"),
                List.of("a", "c"), List.of("b", "c"), List.of("a", "b", "c", "d"), List.of("c", "d"));
        for (String expr : exprs) {
            TagExpression e = TagExpression.parse(expr);
            TagExpression again = TagExpression.parse(e.toString());
            for (List<String> tags : tagSets) {
                assertEquals(e.matches(tags), again.matches(tags), expr + " on " + tags);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "a &         ; 4  ; expected a tag, '!' or '(' but found end of expression",
            "& a         ; 1  ; expected a tag, '!' or '(' but found '&'",
            "a && b      ; 4  ; expected a tag, '!' or '(' but found '&'",
            "a b         ; 3  ; expected '&', ',', '|' or end of expression but found 'b'",
            "(a | b      ; 7  ; expected ')' to close '(' at column 1 but found end of expression",
            "a)          ; 2  ; unexpected ')' without a matching '('",
            "()          ; 2  ; expected a tag, '!' or '(' but found ')'",
            "!           ; 2  ; expected a tag, '!' or '(' but found end of expression",
            "a | , b     ; 5  ; expected a tag, '!' or '(' but found ','",
            "a & (b | (c); 13 ; expected ')' to close '(' at column 5 but found end of expression",
    })
    void errorsNameExpressionColumnAndExpectation(String expr, int column, String expected) {
        TagExpressionException e = assertThrows(TagExpressionException.class, () -> TagExpression.parse(expr));
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(expr, e.expression());
        assertEquals("Invalid tag expression '" + expr + "' at column " + column + ": " + expected, e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void matchingIgnoresNullTagsAndRejectsNullCollection() {
        assertTrue(TagExpression.parse("a").matches(Arrays.asList("a", null)));
        assertThrows(NullPointerException.class, () -> TagExpression.parse("a").matches(null));
    }

    @Test
    void alwaysIsEmpty() {
        assertTrue(TagExpression.always().isAlwaysTrue());
        assertEquals(TagExpression.parse(""), TagExpression.always());
    }
}
