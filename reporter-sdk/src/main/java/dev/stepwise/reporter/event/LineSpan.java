package dev.stepwise.reporter.event;

/** The first and last line of an item in its file, as the orchestrator reported them. */
public record LineSpan(long start, long end) {
}
