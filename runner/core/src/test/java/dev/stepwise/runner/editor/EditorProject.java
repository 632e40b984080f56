package dev.stepwise.runner.editor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A project of hard Java sources for the editor features: never compiled, only read. */
final class EditorProject {

    static final String STEPS = String.join("\r\n",
            "package shop.steps;",
            "",
            "import dev.stepwise.api.Step;",
            "import dev.stepwise.api.Table;",
            "",
            "/**",
            " * Cart steps. Javadoc mentions @Step(\"Not a step\") and must not count.",
            " */",
            "public class CartSteps {",
            "\tprivate static final String PREFIX = \"Open the \";",
            "",
            "\t// A comment before the step: kept by every edit.",
            "\t@Step({\"Add <count> items of <product> to the cart\", \"Put <count> <product> in the cart\"})",
            "\tpublic void add(int count, /* inline comment */ String product) {",
            "\t\tSystem.out.println(\"caf\u00e9 \\u00e9 \\\"quoted\\\" \" + count); // trailing comment",
            "\t}",
            "",
            "\t@Step(value = \"Empty the cart\")",
            "\tpublic void empty() {",
            "\t}",
            "",
            "\t@Step(PREFIX + \"<page> page\" + \" now\")",
            "\tpublic void open(String page) {",
            "\t}",
            "",
            "\t@Step(\"Say \\\"hi\\\" to <name> \u2603\")",
            "\tpublic void sayHi(String name) {",
            "\t}",
            "",
            "\t@SuppressWarnings(\"unchecked\")",
            "\tpublic void notAStep() {",
            "\t\tRunnable r = new Runnable() {",
            "\t\t\t@Step(\"Inside an anonymous class\")",
            "\t\t\tpublic void run() {",
            "\t\t\t}",
            "\t\t};",
            "\t}",
            "",
            "\tpublic static class Nested {",
            "\t\t@dev.stepwise.api.Step(\"Check out with <table>\")",
            "\t\tpublic void checkOut(Table table) {",
            "\t\t}",
            "\t}",
            "}",
            "",
            "class Second {",
            "\t@Step(\"Second class step\")",
            "\tpublic void second() {",
            "\t}",
            "",
            "\t@Step(\"One <a> liner\") public void oneLiner(String a) { }",
            "}",
            "");

    static final String OTHER_STEP_ANNOTATION = """
            package shop.steps;

            import com.example.Step;

            public class Foreign {
                @Step("Foreign step")
                public void foreign() {
                }
            }
            """;

    static final String BROKEN = """
            package shop.steps;

            import dev.stepwise.api.Step;

            public class Broken {
                @Step("Broken step")
                public void broken( {
                }
            }
            """;

    static final String DUPLICATES = """
            package shop.more;

            import dev.stepwise.api.*;

            public class Duplicates {
                @Step("Empty the cart")
                public void emptyAgain() {
                }
            }
            """;

    static Path create(Path root) throws Exception {
        write(root.resolve("src/main/java/shop/steps/CartSteps.java"), STEPS);
        write(root.resolve("src/main/java/shop/steps/Foreign.java"), OTHER_STEP_ANNOTATION);
        write(root.resolve("src/main/java/shop/steps/Broken.java"), BROKEN);
        return root;
    }

    static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private EditorProject() {
    }
}
