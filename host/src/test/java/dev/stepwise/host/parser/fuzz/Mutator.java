package dev.stepwise.host.parser.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Line-level mutations of a valid spec or concept file, driven by the fuzzer's data. */
final class Mutator {

    /** Grammar fragments, including every path-escape form the containment rule must refuse. */
    static final List<String> FRAGMENTS = List.of(
            "# Spec heading", "## Scenario", "## Scenario", "#", "##", "Heading", "=======", "-------",
            "* A step", "* Say \"hello\" to <name>", "* Step with <user> and <role>", "*", "* ", "**not a step",
            "* Login as <user>", "* Check \"unterminated", "* Open <unterminated", "* Braces {} here",
            "* escaped \\{\\} and \\\\", "* trailing backslash \\", "* tab\\t and \\n in \"static \\\" param\"",
            "* read <file:hello.txt>", "* read <file:inside.txt>", "* read <file:escape.txt>",
            "* read <file:../../outside/secret.txt>", "* read <file:../outside/secret.txt>",
            "* read <file:/etc/passwd>", "* read <file:" + "\u0000" + ">", "* read <file:>", "* read <file: >",
            "* rows <table:users.csv>", "* rows <table:../../outside/secret.csv>", "* rows <table:escape.csv>",
            "* rows <table:/etc/hostname>", "* unknown <foo:bar>", "* <a:b:c>",
            "table: users.csv", "table: ../../outside/secret.csv", "table: escape.csv", "table:", "table : /etc/passwd",
            "|user|role|", "|---|---|", "|alice|admin|", "|<user>|<file:hello.txt>|", "|<file:../../outside/secret.txt>|x|",
            "|a|a|", "||", "|", "| \\| |", "|<missing>|x|",
            "\"\"\"", "\"\"\"", "multi-line body", "tags: a, b,", "c, d", "Tags : smoke", "tags:",
            "___", "__", "", "   ", "\t", "\r", "comment line", "\uFEFF# BOM heading", "\u2028", "\uD800");

    private Mutator() {
    }

    /** Applies up to 12 mutations chosen by {@code data} to {@code base}. */
    static String mutate(String base, FuzzedDataProvider data) {
        List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
        int ops = data.consumeInt(0, 12);
        for (int i = 0; i < ops && lines.size() < 4000; i++) {
            int at = lines.isEmpty() ? 0 : data.consumeInt(0, lines.size() - 1);
            switch (data.consumeInt(0, 6)) {
                case 0 -> lines.add(Math.min(at + data.consumeInt(0, 1), lines.size()), data.pickValue(FRAGMENTS));
                case 1 -> {
                    if (!lines.isEmpty()) {
                        lines.remove(at);
                    }
                }
                case 2 -> {
                    if (!lines.isEmpty()) {
                        int copies = data.consumeInt(1, 50);
                        for (int c = 0; c < copies; c++) {
                            lines.add(at, lines.get(at));
                        }
                    }
                }
                case 3 -> {
                    if (!lines.isEmpty()) {
                        lines.set(at, data.consumeString(200));
                    }
                }
                case 4 -> {
                    if (!lines.isEmpty()) {
                        String l = lines.get(at);
                        int pos = data.consumeInt(0, l.length());
                        lines.set(at, l.substring(0, pos) + data.consumeString(20) + l.substring(pos));
                    }
                }
                case 5 -> {
                    if (lines.size() > 1) {
                        int other = data.consumeInt(0, lines.size() - 1);
                        String tmp = lines.get(at);
                        lines.set(at, lines.get(other));
                        lines.set(other, tmp);
                    }
                }
                default -> lines.add(Math.min(at, lines.size()), "   " + data.pickValue(FRAGMENTS));
            }
        }
        String eol = data.consumeBoolean() ? "\r\n" : "\n";
        return FuzzSupport.cap(String.join(eol, lines));
    }
}
