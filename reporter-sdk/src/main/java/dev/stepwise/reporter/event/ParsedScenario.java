package dev.stepwise.reporter.event;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A scenario as parsed (not run), for documentation plugins. Concept steps are listed as written. */
public record ParsedScenario(String name, List<String> tags, Optional<LineSpan> span, List<StepInfo> steps) {
    public ParsedScenario {
        Objects.requireNonNull(name, "name");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(span, "span");
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
    }
}
