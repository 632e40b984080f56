package dev.stepwise.api.tags;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A boolean expression over tags, shared by the host's {@code --tags} filter and hook filters.
 *
 * <h2>Grammar</h2>
 * <pre>
 * expression := or?                       (empty or blank matches everything)
 * or         := and ( '|' and )*
 * and        := not ( ( '&amp;' | ',' ) not )*
 * not        := '!' not | primary
 * primary    := '(' or ')' | tag
 * tag        := one or more characters other than &amp; | ! ( ) , and whitespace
 * </pre>
 * Precedence is therefore {@code !} over {@code &}/{@code ,} over {@code |}; whitespace only
 * separates. Tag names may contain any other character, so {@code smoke:fast}, {@code a-b} and
 * {@code jira#12} are tags. There are no keywords: {@code true} and {@code false} are ordinary
 * tags. Doubled operators such as {@code &&} are errors.
 *
 * <p>Matching is case-insensitive unless parsed with {@code caseSensitive = true}. Instances are
 * immutable and thread-safe; two expressions are equal when their canonical forms
 * ({@link #toString()}) and case sensitivity are equal.
 */
public final class TagExpression {

    private static final TagExpression ALWAYS_INSENSITIVE = new TagExpression(null, false);
    private static final TagExpression ALWAYS_SENSITIVE = new TagExpression(null, true);

    private final Node root; // null: matches everything
    private final boolean caseSensitive;
    private final String canonical;

    private TagExpression(Node root, boolean caseSensitive) {
        this.root = root;
        this.caseSensitive = caseSensitive;
        this.canonical = root == null ? "" : root.render(0);
    }

    /**
     * Parses a case-insensitive expression.
     *
     * @param expression the expression; {@code null}, empty or blank matches everything
     * @return the parsed expression
     * @throws TagExpressionException if the expression is invalid
     */
    public static TagExpression parse(String expression) {
        return parse(expression, false);
    }

    /**
     * Parses an expression.
     *
     * @param expression the expression; {@code null}, empty or blank matches everything
     * @param caseSensitive whether tag names must match exactly; otherwise case is ignored
     * @return the parsed expression
     * @throws TagExpressionException if the expression is invalid
     */
    public static TagExpression parse(String expression, boolean caseSensitive) {
        if (expression == null || expression.isBlank()) {
            return caseSensitive ? ALWAYS_SENSITIVE : ALWAYS_INSENSITIVE;
        }
        Node root = new Parser(expression, caseSensitive).parseAll();
        return new TagExpression(root, caseSensitive);
    }

    /**
     * An expression that matches every set of tags.
     *
     * @return the empty expression, case-insensitive
     */
    public static TagExpression always() {
        return ALWAYS_INSENSITIVE;
    }

    /**
     * @param tags the tags of the item (for hooks: spec and scenario tags together)
     * @return whether the expression holds for those tags
     */
    public boolean matches(Collection<String> tags) {
        Objects.requireNonNull(tags, "tags");
        if (root == null) {
            return true;
        }
        Set<String> set = new HashSet<>();
        for (String tag : tags) {
            if (tag != null) {
                set.add(caseSensitive ? tag.strip() : tag.strip().toLowerCase(Locale.ROOT));
            }
        }
        return root.eval(set);
    }

    /** @return whether this expression matches everything (it was empty or blank) */
    public boolean isAlwaysTrue() {
        return root == null;
    }

    /** @return whether tag names are compared case-sensitively */
    public boolean isCaseSensitive() {
        return caseSensitive;
    }

    /**
     * The canonical form: operators {@code !}, {@code &}, {@code |} with single spaces around the
     * binary ones, only the parentheses precedence needs, nested operators of one kind flattened,
     * and tags in lower case for a case-insensitive expression. Parsing it gives an equal
     * expression; the empty expression renders as {@code ""}.
     */
    @Override
    public String toString() {
        return canonical;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TagExpression t && caseSensitive == t.caseSensitive && canonical.equals(t.canonical);
    }

    @Override
    public int hashCode() {
        return canonical.hashCode() * 2 + (caseSensitive ? 1 : 0);
    }

    // --- syntax tree -------------------------------------------------------------------------

    /** Precedence levels for rendering: OR 1, AND 2, NOT/TAG 3. */
    private sealed interface Node permits Tag, Not, And, Or {
        boolean eval(Set<String> tags);

        String render(int parentPrecedence);
    }

    private record Tag(String name) implements Node {
        public boolean eval(Set<String> tags) {
            return tags.contains(name);
        }

        public String render(int parentPrecedence) {
            return name;
        }
    }

    private record Not(Node operand) implements Node {
        public boolean eval(Set<String> tags) {
            return !operand.eval(tags);
        }

        public String render(int parentPrecedence) {
            return "!" + operand.render(3);
        }
    }

    private record And(List<Node> operands) implements Node {
        public boolean eval(Set<String> tags) {
            for (Node n : operands) {
                if (!n.eval(tags)) {
                    return false;
                }
            }
            return true;
        }

        public String render(int parentPrecedence) {
            return join(operands, " & ", 2, parentPrecedence);
        }
    }

    private record Or(List<Node> operands) implements Node {
        public boolean eval(Set<String> tags) {
            for (Node n : operands) {
                if (n.eval(tags)) {
                    return true;
                }
            }
            return false;
        }

        public String render(int parentPrecedence) {
            return join(operands, " | ", 1, parentPrecedence);
        }
    }

    private static String join(List<Node> operands, String op, int precedence, int parentPrecedence) {
        StringBuilder sb = new StringBuilder();
        for (Node n : operands) {
            if (sb.length() > 0) {
                sb.append(op);
            }
            sb.append(n.render(precedence));
        }
        return parentPrecedence > precedence ? "(" + sb + ")" : sb.toString();
    }

    // --- parser ------------------------------------------------------------------------------

    /** Recursive descent over the characters; columns in errors are 1-based. */
    private static final class Parser {
        private final String text;
        private final boolean caseSensitive;
        private int pos;

        Parser(String text, boolean caseSensitive) {
            this.text = text;
            this.caseSensitive = caseSensitive;
        }

        Node parseAll() {
            Node node = parseOr();
            skipSpace();
            if (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ')') {
                    throw error(pos, "unexpected ')' without a matching '('");
                }
                throw error(pos, "expected '&', ',', '|' or end of expression but found " + describe(pos));
            }
            return node;
        }

        private Node parseOr() {
            List<Node> operands = new ArrayList<>();
            addFlattened(operands, parseAnd(), Or.class);
            while (peek() == '|') {
                pos++;
                addFlattened(operands, parseAnd(), Or.class);
            }
            return operands.size() == 1 ? operands.get(0) : new Or(List.copyOf(operands));
        }

        private Node parseAnd() {
            List<Node> operands = new ArrayList<>();
            addFlattened(operands, parseNot(), And.class);
            while (peek() == '&' || peek() == ',') {
                pos++;
                addFlattened(operands, parseNot(), And.class);
            }
            return operands.size() == 1 ? operands.get(0) : new And(List.copyOf(operands));
        }

        private static void addFlattened(List<Node> operands, Node node, Class<? extends Node> kind) {
            if (kind == Or.class && node instanceof Or or) {
                operands.addAll(or.operands());
            } else if (kind == And.class && node instanceof And and) {
                operands.addAll(and.operands());
            } else {
                operands.add(node);
            }
        }

        private Node parseNot() {
            if (peek() == '!') {
                pos++;
                return new Not(parseNot());
            }
            return parsePrimary();
        }

        private Node parsePrimary() {
            int c = peek();
            if (c == '(') {
                int open = pos;
                pos++;
                Node inner = parseOr();
                if (peek() != ')') {
                    throw error(pos, "expected ')' to close '(' at column " + (open + 1) + " but found "
                            + describe(pos));
                }
                pos++;
                return inner;
            }
            if (c == -1 || isOperator((char) c)) {
                throw error(pos, "expected a tag, '!' or '(' but found " + describe(pos));
            }
            int start = pos;
            while (pos < text.length() && !isOperator(text.charAt(pos)) && !Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            return new Tag(caseSensitive ? name : name.toLowerCase(Locale.ROOT));
        }

        /** Skips whitespace; returns the next character or -1 at the end. */
        private int peek() {
            skipSpace();
            return pos < text.length() ? text.charAt(pos) : -1;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private static boolean isOperator(char c) {
            return c == '&' || c == '|' || c == '!' || c == '(' || c == ')' || c == ',';
        }

        private String describe(int at) {
            return at >= text.length() ? "end of expression" : "'" + text.charAt(at) + "'";
        }

        private TagExpressionException error(int at, String problem) {
            return new TagExpressionException(text, at + 1, problem);
        }
    }
}
