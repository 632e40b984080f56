package dev.stepwise.host.parser;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/** Resolves {@code path.spec:LINE} selections to the scenario whose span contains the line. */
public final class ScenarioSelector {

    private ScenarioSelector() {
    }

    /**
     * A parsed {@code path:line} argument.
     *
     * @param file the spec path
     * @param line the 1-based line, or empty when no line was given
     */
    public record Selection(Path file, OptionalInt line) {
    }

    /**
     * The outcome of a line selection.
     *
     * @param scenarioIndex 0-based index into {@link Spec#scenarios()}, if found
     * @param error         why nothing was selected, if not found
     */
    public record Result(OptionalInt scenarioIndex, Optional<Diagnostic> error) {
    }

    /** Splits {@code specs/a.spec:12}; a suffix that is not a number is part of the path (e.g. Windows drives). */
    public static Selection parse(String arg) {
        int colon = arg.lastIndexOf(':');
        if (colon > 0 && colon < arg.length() - 1) {
            String tail = arg.substring(colon + 1);
            if (tail.chars().allMatch(Character::isDigit)) {
                return new Selection(Path.of(arg.substring(0, colon)), OptionalInt.of(Integer.parseInt(tail)));
            }
        }
        return new Selection(Path.of(arg), OptionalInt.empty());
    }

    public static Result select(Spec spec, int line) {
        for (int i = 0; i < spec.scenarios().size(); i++) {
            if (spec.scenarios().get(i).containsLine(line)) {
                return new Result(OptionalInt.of(i), Optional.empty());
            }
        }
        return new Result(OptionalInt.empty(), Optional.of(Diagnostic.error(spec.file(), line, 1,
                "No scenario found at line " + line + ". Give a line inside a scenario (its heading or steps)")));
    }
}
