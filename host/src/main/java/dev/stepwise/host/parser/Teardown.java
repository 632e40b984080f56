package dev.stepwise.host.parser;

/**
 * The {@code ___} line; steps after it are teardown steps.
 *
 * @param line 1-based line
 * @param text the underscores as written
 */
public record Teardown(int line, String text) implements SpecItem {
}
