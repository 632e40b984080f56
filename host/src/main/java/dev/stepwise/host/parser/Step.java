package dev.stepwise.host.parser;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A step ({@code * text}) in a spec, a context, a teardown or a concept.
 *
 * @param line               1-based line of the {@code *}
 * @param endLine            last line of the step including a multi-line string block or inline table
 * @param text               the text after {@code *} as written (multi-line steps joined with a space); this is
 *                           Gauge's {@code actualStepText}
 * @param textParts          the plain-text pieces between written parameters, unescaped; one more than the number of
 *                           written parameters (the formatter and fragment builders use these)
 * @param value              the matching key: every parameter replaced by {@code {}}, plus {@code " {}"} for an
 *                           inline table; trimmed
 * @param parameterizedValue the value with each {@code {}} replaced by {@code <arg>} as Gauge computes it
 *                           ({@code Say "hi" to <name>} gives {@code Say <hi> to <name>})
 * @param args               arguments in order: written parameters, then a multi-line string, then the inline table
 * @param concept            the concept this step invokes, if its value equals a concept's value
 */
public record Step(int line, int endLine, String text, List<String> textParts, String value, String parameterizedValue,
                   List<StepArg> args, Optional<Concept> concept) implements SpecItem {

    public Step {
        Objects.requireNonNull(text, "text");
        textParts = List.copyOf(textParts);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(parameterizedValue, "parameterizedValue");
        args = List.copyOf(args);
        Objects.requireNonNull(concept, "concept");
    }

    public boolean isConcept() {
        return concept.isPresent();
    }

    /** The steps of the invoked concept (each may itself be a concept), or an empty list. */
    public List<Step> conceptSteps() {
        return concept.map(Concept::steps).orElse(List.of());
    }

    /** The inline table written under the step, if any. */
    public Optional<Table> inlineTable() {
        return args.stream().filter(a -> a.kind() == StepArg.Kind.TABLE).findFirst().flatMap(StepArg::table);
    }

    /** The names Gauge lists as ProtoStepValue parameters, one per {@code {}}. */
    public List<String> parameterNames() {
        return args.stream().filter(StepArg::hasPlaceholder).map(StepArg::parameterizedName).toList();
    }
}
