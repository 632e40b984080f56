package dev.stepwise.api.tags;

/**
 * A tag expression that cannot be parsed. The message names the expression, the 1-based column
 * and what was expected there.
 */
public final class TagExpressionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int column;

    TagExpressionException(String expression, int column, String problem) {
        super("Invalid tag expression '" + expression + "' at column " + column + ": " + problem);
        this.expression = expression;
        this.column = column;
    }

    /** @return the expression that failed to parse */
    public String expression() {
        return expression;
    }

    /** @return the 1-based column of the problem; one past the end for a premature end */
    public int column() {
        return column;
    }
}
