package dev.stepwise.runner.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * A step text as written in a {@code @Step} annotation, such as {@code Say <greeting> to <name>}.
 *
 * @param text       the annotation text
 * @param key        the matching key, each {@code <...>} replaced by {@code {}}
 * @param parameters the parameter names in order
 */
public record StepText(String text, String key, List<String> parameters) {

    public StepText {
        parameters = List.copyOf(parameters);
    }

    public static StepText parse(String text) {
        StringBuilder key = new StringBuilder(text.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '<' ? text.indexOf('>', i + 1) : -1;
            if (close > 0) {
                names.add(text.substring(i + 1, close));
                key.append("{}");
                i = close + 1;
            } else {
                key.append(c);
                i++;
            }
        }
        return new StepText(text, key.toString().trim(), names);
    }
}
