package dev.stepwise.api;

import java.util.List;

/**
 * The specification being executed, as seen by a step or hook.
 *
 * @param name the spec heading; empty outside a spec
 * @param fileName the spec file path as Gauge reports it; empty outside a spec
 * @param tags the spec's tags, in declaration order
 * @param failing whether anything in the spec has failed so far
 */
public record SpecInfo(String name, String fileName, List<String> tags, boolean failing) {

    private static final SpecInfo NONE = new SpecInfo("", "", List.of(), false);

    /** Normalises {@code null} to empty values and copies the tags. */
    public SpecInfo {
        name = name == null ? "" : name;
        fileName = fileName == null ? "" : fileName;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * The value used when no spec is executing (for example in suite hooks).
     *
     * @return an empty spec
     */
    public static SpecInfo none() {
        return NONE;
    }
}
