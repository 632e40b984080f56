package dev.stepwise.host.refactor;

import dev.stepwise.host.parser.StepSources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rename as Gauge defines it ({@code gauge refactor "OLD" "NEW"}): both texts are written as in specs, with named
 * parameters. A NEW parameter with the same name as an OLD one takes that argument (moved to its new position); a
 * NEW parameter with a new name gets a new argument; OLD parameters missing from NEW are dropped.
 *
 * @param oldText      the old step text as given, trimmed
 * @param newText      the new step text as given, trimmed
 * @param oldStep      the old text parsed (its {@code value} is the matching key)
 * @param newStep      the new text parsed
 * @param sources      for each new parameter, the old parameter it takes its argument from, or -1 for a new one
 * @param newSegments  the new text's plain parts exactly as typed (escapes kept), one more than its parameters
 */
public record StepRename(String oldText, String newText, StepSources.Text oldStep, StepSources.Text newStep,
                         List<Integer> sources, List<String> newSegments) {

    public StepRename {
        sources = List.copyOf(sources);
        newSegments = List.copyOf(newSegments);
    }

    /**
     * Parses both texts and works out the parameter positions.
     *
     * @throws RefactorException when a text is not a valid step, parameter names repeat, or nothing would change
     */
    public static StepRename of(String oldText, String newText) throws RefactorException {
        String o = oldText.strip();
        String n = newText.strip();
        StepSources.Text old = parse("old", o);
        StepSources.Text neu = parse("new", n);
        if (o.equals(n)) {
            throw new RefactorException("The old and new step texts are the same; nothing to rename");
        }
        List<String> oldNames = uniqueNames("old", o, old);
        uniqueNames("new", n, neu);
        List<Integer> sources = new ArrayList<>();
        for (StepSources.Param p : neu.params()) {
            sources.add(oldNames.indexOf(p.text()));
        }
        List<String> segments = new ArrayList<>();
        int from = 0;
        for (StepSources.Param p : neu.params()) {
            segments.add(n.substring(from, p.start()));
            from = p.end();
        }
        segments.add(n.substring(from));
        return new StepRename(o, n, old, neu, sources, segments);
    }

    /** The names of the new text's parameters, in order. */
    public List<String> newNames() {
        return newStep.params().stream().map(StepSources.Param::text).toList();
    }

    /** The names of the old text's parameters, in order. */
    public List<String> oldNames() {
        return oldStep.params().stream().map(StepSources.Param::text).toList();
    }

    private static StepSources.Text parse(String which, String text) throws RefactorException {
        if (text.isEmpty()) {
            throw new RefactorException("The " + which + " step text is empty");
        }
        try {
            return StepSources.parse(text);
        } catch (IllegalArgumentException e) {
            throw new RefactorException("The " + which + " step text is not a valid step: " + e.getMessage(), e);
        }
    }

    /** Parameters are matched by name, so a name used twice would make the positions ambiguous. */
    private static List<String> uniqueNames(String which, String text, StepSources.Text parsed)
            throws RefactorException {
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        for (StepSources.Param p : parsed.params()) {
            if (!seen.add(p.text())) {
                throw new RefactorException("The " + which + " step text '" + text + "' names the parameter <"
                        + p.text() + "> twice; parameters are matched by name, so give each a different name");
            }
            names.add(p.text());
        }
        return names;
    }
}
