package dev.stepwise.runner.source;

/**
 * A region of a source file: lines 1-based, columns 0-based, the end column exclusive. Each RPC
 * converts to the bases Gauge expects of it.
 */
public record SourceSpan(int startLine, int startColumn, int endLine, int endColumn) {

    static SourceSpan of(com.github.javaparser.Range range) {
        // JavaParser columns are 1-based and its end is inclusive: 1-based inclusive == 0-based exclusive.
        return new SourceSpan(range.begin.line, range.begin.column - 1, range.end.line, range.end.column);
    }
}
