package dev.stepwise.plugins.messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Gauge spec into plain Gherkin text that {@code io.cucumber:gherkin} parses, keeping every Gauge line
 * on the same Gherkin line where the grammar allows it, so locations in the gherkinDocument point at the spec.
 *
 * <ul>
 *   <li>{@code # Spec} → {@code Feature: Spec}; {@code ## Scenario} → {@code Scenario:}; setext headings too.</li>
 *   <li>{@code Tags: a, b c} → {@code @a @b_c}, on the blank line just before the heading when there is one,
 *       otherwise the heading moves down onto the tags line (Gherkin wants tags first).</li>
 *   <li>Context steps → a {@code Background:} (on the blank line before the first context step).</li>
 *   <li>{@code * step} → {@code * step}; a table or {@code """} block after a step → a Gherkin data table or doc
 *       string; table separator rows become comments.</li>
 *   <li>A scenario data table, or a spec data table whose columns the scenario uses as {@code <param>}, makes the
 *       scenario a {@code Scenario Outline} whose {@code Examples} (one pickle per row, in row order) are appended
 *       after the scenario's last line; lines after that shift down by the inserted lines.</li>
 *   <li>Teardown steps (after {@code ___}), data tables, {@code table:} lines and free text → {@code #} comments.</li>
 * </ul>
 *
 * Pure function; no I/O.
 */
public final class GaugeToGherkin {
    private static final Pattern PARAM = Pattern.compile("\"((?:\\\\.|[^\"\\\\])*)\"|<([^>]*)>");
    private static final Pattern SETEXT_SPEC = Pattern.compile("^=+$");
    private static final Pattern SETEXT_SCENARIO = Pattern.compile("^-+$");
    private static final Pattern TEARDOWN = Pattern.compile("^_{3,}$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\|(\\s*-+\\s*\\|)+$");

    private GaugeToGherkin() {
    }

    /** A Gauge step as the mapping saw it: raw text (as Gauge's actualStepText) and its `{}` value. */
    public record GaugeStep(String text, String value) {
    }

    /** One scenario: its Gauge steps in pickle order (contexts first) and whether it became an outline. */
    public record ScenarioMap(String name, List<GaugeStep> steps, boolean outline, boolean specTableDriven) {
    }

    /** The Gherkin text, the scenarios by name, and the teardown steps. */
    public record Mapping(String gherkin, Map<String, ScenarioMap> scenarios, List<GaugeStep> teardown) {
    }

    private enum Kind { BLANK, SPEC, SCENARIO, UNDERLINE, TAGS, STEP, ROW, DOC, TEARDOWN, OTHER }

    public static Mapping map(String spec) {
        String[] lines = spec.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int n = lines.length;
        Kind[] kind = new Kind[n];
        // Pass 1: classify each line.
        boolean inDoc = false;
        for (int i = 0; i < n; i++) {
            String t = lines[i].trim();
            if (inDoc) {
                kind[i] = Kind.DOC;
                if (t.equals("\"\"\"")) {
                    inDoc = false;
                }
                continue;
            }
            if (t.isEmpty()) {
                kind[i] = Kind.BLANK;
            } else if (t.startsWith("##") && !t.startsWith("###")) {
                kind[i] = Kind.SCENARIO;
            } else if (t.startsWith("#") && !t.startsWith("##")) {
                kind[i] = Kind.SPEC;
            } else if (i + 1 < n && !t.startsWith("*") && !t.startsWith("|")
                    && SETEXT_SPEC.matcher(lines[i + 1].trim()).matches()) {
                kind[i] = Kind.SPEC;
            } else if (i + 1 < n && !t.startsWith("*") && !t.startsWith("|")
                    && SETEXT_SCENARIO.matcher(lines[i + 1].trim()).matches()) {
                kind[i] = Kind.SCENARIO;
            } else if (i > 0 && (kind[i - 1] == Kind.SPEC || kind[i - 1] == Kind.SCENARIO)
                    && (SETEXT_SPEC.matcher(t).matches() || SETEXT_SCENARIO.matcher(t).matches())
                    && !lines[i - 1].trim().startsWith("#")) {
                kind[i] = Kind.UNDERLINE;
            } else if (isTags(t)) {
                kind[i] = Kind.TAGS;
            } else if (t.startsWith("*") && !t.startsWith("**")) {
                kind[i] = Kind.STEP;
            } else if (t.startsWith("|") && t.endsWith("|")) {
                kind[i] = Kind.ROW;
            } else if (t.equals("\"\"\"") && i > 0 && previousNonBlank(kind, i) == Kind.STEP) {
                kind[i] = Kind.DOC;
                inDoc = true;
            } else if (TEARDOWN.matcher(t).matches()) {
                kind[i] = Kind.TEARDOWN;
            } else {
                kind[i] = Kind.OTHER;
            }
        }
        // Tags lines continued with a trailing comma.
        for (int i = 0; i + 1 < n; i++) {
            if (kind[i] == Kind.TAGS && lines[i].trim().endsWith(",") && kind[i + 1] == Kind.OTHER) {
                kind[i + 1] = Kind.TAGS;
            }
        }

        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "";
        }
        Map<String, ScenarioMap> scenarios = new LinkedHashMap<>();
        List<GaugeStep> contexts = new ArrayList<>();
        List<GaugeStep> teardown = new ArrayList<>();
        List<String> specTableHeader = new ArrayList<>();
        List<List<String>> specTableRows = new ArrayList<>();
        int specHeading = -1;
        boolean seenScenario = false;
        boolean inTeardown = false;
        // Per scenario while building.
        record Building(String name, int heading, List<GaugeStep> steps, List<String> header, List<List<String>> rows,
                        int[] lastContent) {
        }
        List<Building> built = new ArrayList<>();
        Building current = null;
        boolean tableAttachedToStep = false;
        int tagOwner = -1;
        List<String> pendingTags = new ArrayList<>();
        Map<Integer, List<String>> tagsByHeading = new LinkedHashMap<>();
        Map<Integer, List<Integer>> tagLinesByHeading = new LinkedHashMap<>();

        for (int i = 0; i < n; i++) {
            String t = lines[i].trim();
            switch (kind[i]) {
                case BLANK -> { }
                case SPEC -> {
                    if (specHeading < 0) {
                        specHeading = i;
                        out[i] = "Feature: " + headingText(t);
                        tagOwner = i;
                    } else {
                        out[i] = comment(t);
                    }
                    tableAttachedToStep = false;
                }
                case SCENARIO -> {
                    if (specHeading < 0) {
                        out[i] = comment(t);
                        break;
                    }
                    seenScenario = true;
                    inTeardown = false;
                    String name = headingText(t);
                    current = new Building(name, i, new ArrayList<>(contexts), new ArrayList<>(), new ArrayList<>(),
                            new int[] {i});
                    built.add(current);
                    out[i] = "Scenario: " + name;
                    tagOwner = i;
                    tableAttachedToStep = false;
                }
                case UNDERLINE -> { }
                case TAGS -> {
                    if (tagOwner >= 0) {
                        String body = t.toLowerCase(Locale.ROOT).startsWith("tags") ? t.substring(t.indexOf(':') + 1) : t;
                        for (String tag : body.split(",")) {
                            if (!tag.isBlank()) {
                                tagsByHeading.computeIfAbsent(tagOwner, k -> new ArrayList<>())
                                        .add("@" + tag.trim().replaceAll("\\s+", "_"));
                            }
                        }
                        tagLinesByHeading.computeIfAbsent(tagOwner, k -> new ArrayList<>()).add(i);
                    }
                    out[i] = comment(t);
                }
                case STEP -> {
                    String text = t.substring(1).trim();
                    boolean hasArg = stepHasArgument(kind, i);
                    GaugeStep step = new GaugeStep(text, value(text, hasArg));
                    if (specHeading < 0) {
                        out[i] = comment(t);
                    } else if (inTeardown) {
                        teardown.add(step);
                        out[i] = comment(t);
                    } else if (!seenScenario) {
                        contexts.add(step);
                        out[i] = "* " + text;
                    } else {
                        current.steps.add(step);
                        current.lastContent[0] = i;
                        out[i] = "* " + text;
                    }
                    tableAttachedToStep = !inTeardown && specHeading >= 0;
                }
                case ROW -> {
                    boolean separator = TABLE_SEPARATOR.matcher(t).matches();
                    if (tableAttachedToStep) {
                        out[i] = separator ? comment(t) : "  " + t;
                        if (current != null && seenScenario) {
                            current.lastContent[0] = i;
                        }
                    } else {
                        out[i] = comment(t);
                        if (!separator) {
                            List<String> cells = cells(t);
                            List<String> header = seenScenario && current != null ? current.header : specTableHeader;
                            List<List<String>> rows = seenScenario && current != null ? current.rows : specTableRows;
                            if (header.isEmpty()) {
                                header.addAll(cells);
                            } else {
                                rows.add(cells);
                            }
                        }
                    }
                }
                case DOC -> {
                    out[i] = lines[i];
                    if (current != null && seenScenario) {
                        current.lastContent[0] = i;
                    }
                }
                case TEARDOWN -> {
                    inTeardown = true;
                    tableAttachedToStep = false;
                    out[i] = comment(t);
                }
                case OTHER -> {
                    out[i] = comment(t);
                    tableAttachedToStep = false;
                }
            }
            if (kind[i] != Kind.BLANK && kind[i] != Kind.ROW && kind[i] != Kind.STEP && kind[i] != Kind.DOC) {
                tableAttachedToStep = false;
            }
        }
        if (specHeading < 0) {
            throw new IllegalArgumentException("no spec heading ('# Name') found");
        }

        // Tags before their heading.
        for (Map.Entry<Integer, List<String>> e : tagsByHeading.entrySet()) {
            int heading = e.getKey();
            String tags = String.join(" ", e.getValue());
            int before = heading - 1;
            if (before >= 0 && kind[before] == Kind.BLANK && out[before].isEmpty()) {
                out[before] = tags;
                continue;
            }
            int tagLine = tagLinesByHeading.get(heading).get(0);
            boolean onlyCommentsBetween = true;
            for (int k = heading + 1; k < tagLine; k++) {
                if (kind[k] != Kind.BLANK && kind[k] != Kind.UNDERLINE && kind[k] != Kind.OTHER) {
                    onlyCommentsBetween = false;
                }
            }
            if (onlyCommentsBetween) {
                out[tagLine] = out[heading];
                out[heading] = tags;
            } else {
                out[heading] = tags + "\n" + out[heading];
            }
        }

        // Background for context steps.
        if (!contexts.isEmpty()) {
            int first = -1;
            for (int i = specHeading + 1; i < n && first < 0; i++) {
                if (kind[i] == Kind.STEP) {
                    first = i;
                }
            }
            int slot = -1;
            for (int k = first - 1; k > specHeading; k--) {
                if (kind[k] == Kind.BLANK && out[k].isEmpty()) {
                    slot = k;
                    break;
                }
                if (kind[k] != Kind.OTHER && kind[k] != Kind.BLANK) {
                    break;
                }
            }
            if (slot >= 0) {
                out[slot] = "Background:";
            } else {
                out[first] = "Background:\n" + out[first];
            }
        }

        // Outlines and their Examples.
        boolean contextsUseSpecTable = usesColumns(contexts, specTableHeader) || usesColumns(teardown, specTableHeader);
        for (Building b : built) {
            boolean scenarioTable = !b.header.isEmpty();
            boolean specTable = !scenarioTable && !specTableHeader.isEmpty() && !specTableRows.isEmpty()
                    && (contextsUseSpecTable || usesColumns(b.steps, specTableHeader));
            if (scenarioTable || specTable) {
                for (int k = b.heading; k <= b.lastContent[0]; k++) {
                    if (out[k].contains("Scenario: " + b.name)) {
                        out[k] = out[k].replace("Scenario: " + b.name, "Scenario Outline: " + b.name);
                        break;
                    }
                }
                List<String> header = scenarioTable ? b.header : specTableHeader;
                List<List<String>> rows = scenarioTable ? b.rows : specTableRows;
                StringBuilder ex = new StringBuilder("\n\n  Examples:\n    ").append(row(header));
                for (List<String> r : rows) {
                    ex.append("\n    ").append(row(r));
                }
                out[b.lastContent[0]] = out[b.lastContent[0]] + ex;
            }
            scenarios.put(b.name, new ScenarioMap(b.name, List.copyOf(b.steps), scenarioTable || specTable, specTable));
        }
        return new Mapping(String.join("\n", out), scenarios, List.copyOf(teardown));
    }

    private static Kind previousNonBlank(Kind[] kind, int i) {
        for (int k = i - 1; k >= 0; k--) {
            if (kind[k] != Kind.BLANK) {
                return kind[k];
            }
        }
        return Kind.BLANK;
    }

    private static boolean stepHasArgument(Kind[] kind, int i) {
        for (int k = i + 1; k < kind.length; k++) {
            if (kind[k] == Kind.BLANK) {
                continue;
            }
            return kind[k] == Kind.ROW || kind[k] == Kind.DOC;
        }
        return false;
    }

    private static boolean isTags(String t) {
        String l = t.toLowerCase(Locale.ROOT);
        return l.startsWith("tags:") || l.startsWith("tags :");
    }

    private static String headingText(String t) {
        return t.replaceFirst("^#+", "").trim();
    }

    private static String comment(String t) {
        // "# language: xx" on top would switch Gherkin's dialect; keep such text inert.
        return t.matches("(?i)#*\\s*language\\s*:.*") ? "#~ " + t : "# " + t;
    }

    static List<String> cells(String row) {
        String inner = row.substring(1, row.length() - 1);
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                cell.append(inner.charAt(++i));
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    private static String row(List<String> cells) {
        StringBuilder b = new StringBuilder("|");
        for (String c : cells) {
            b.append(' ').append(c.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "\\n")).append(" |");
        }
        return b.toString();
    }

    /** Gauge's step value: every "static" or &lt;dynamic&gt; parameter becomes {}, plus " {}" for a table/doc argument. */
    static String value(String text, boolean hasArgument) {
        Matcher m = PARAM.matcher(text);
        String v = m.replaceAll("{}").trim();
        return hasArgument ? v + " {}" : v;
    }

    private static boolean usesColumns(List<GaugeStep> steps, List<String> header) {
        for (GaugeStep s : steps) {
            for (String h : header) {
                if (s.text().contains("<" + h + ">")) {
                    return true;
                }
            }
        }
        return false;
    }
}
