package dev.stepwise.runner.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * The Java source of a stub for a step that has no implementation: a method that compiles once
 * pasted into any class (annotation and table types are fully qualified), with parameter names
 * taken from the spec where Gauge sent them.
 */
public final class StubSuggestion {

    private StubSuggestion() {
    }

    /**
     * @param key            the step's {@code {}} key, such as {@code Say {} to {}}
     * @param parameterNames names Gauge sent for the parameters (may be empty or shorter than needed)
     */
    public static String forStep(String key, List<String> parameterNames) {
        int count = countPlaceholders(key);
        boolean endsWithTable = key.endsWith(" {}") && parameterNames.size() == count
                && count > 0 && parameterNames.get(count - 1).equals("table");
        List<String> names = identifiers(parameterNames, count);
        StringBuilder text = new StringBuilder();
        StringBuilder params = new StringBuilder();
        int param = 0;
        for (int i = 0; i < key.length(); i++) {
            if (key.startsWith("{}", i)) {
                boolean table = endsWithTable && param == count - 1;
                if (!table) {
                    text.append('<').append(names.get(param)).append('>');
                } else if (text.length() > 0 && text.charAt(text.length() - 1) == ' ') {
                    text.setLength(text.length() - 1);
                }
                if (param > 0) {
                    params.append(", ");
                }
                params.append(table ? "dev.stepwise.api.Table " : "String ").append(names.get(param));
                param++;
                i++;
            } else {
                text.append(key.charAt(i));
            }
        }
        return "@dev.stepwise.api.Step(\"" + escape(text.toString()) + "\")\n"
                + "public void " + methodName(key) + "(" + params + ") {\n"
                + "    throw new UnsupportedOperationException(\"Step not implemented yet\");\n"
                + "}\n";
    }

    static int countPlaceholders(String key) {
        int count = 0;
        for (int i = key.indexOf("{}"); i >= 0; i = key.indexOf("{}", i + 2)) {
            count++;
        }
        return count;
    }

    private static List<String> identifiers(List<String> given, int count) {
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String candidate = i < given.size() ? camel(given.get(i), false) : "";
            if (candidate.isEmpty() || !SourceVersion.isIdentifier(candidate) || SourceVersion.isKeyword(candidate)) {
                candidate = "arg" + i;
            }
            String unique = candidate;
            for (int n = 2; !used.add(unique); n++) {
                unique = candidate + n;
            }
            names.add(unique);
        }
        return names;
    }

    static String methodName(String key) {
        String name = camel(key.replace("{}", " "), false);
        if (name.isEmpty()) {
            return "implementStep";
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name = "step" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
        return SourceVersion.isKeyword(name) ? name + "Step" : name;
    }

    /** Words of {@code s} joined in lower camel case, keeping only identifier characters. */
    private static String camel(String s, boolean upperFirst) {
        StringBuilder out = new StringBuilder();
        boolean newWord = upperFirst;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (out.length() == 0) {
                    out.append(upperFirst ? Character.toUpperCase(c) : Character.toLowerCase(c));
                } else {
                    out.append(newWord ? Character.toUpperCase(c) : c);
                }
                newWord = false;
            } else {
                newWord = true;
            }
        }
        String result = out.toString();
        return result.length() > 60 ? result.substring(0, 60).toLowerCase(Locale.ROOT) : result;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    }
}
