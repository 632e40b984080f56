package dev.stepwise.host.plugins;

import dev.stepwise.reporter.DocumenterListener;
import dev.stepwise.reporter.ReporterPlugin;
import dev.stepwise.reporter.event.DocsRequest;
import dev.stepwise.reporter.event.ParsedScenario;
import dev.stepwise.reporter.event.ParsedSpec;
import dev.stepwise.reporter.event.SpecError;
import dev.stepwise.reporter.event.StepInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A test documentation plugin on the reporter SDK, launched by {@code stepwise docs} as a real process from its
 * plugin folder: writes {@code <GAUGE_PROJECT_ROOT>/<gauge_reports_dir>/docs/specs.md} from the specs it receives.
 *
 * <p>Like Gauge's own plugins, which read their templates from the working directory (Gauge starts them in their
 * plugin folder), it starts the document with {@code header.md} read relative to the working directory. It records
 * its life cycle in {@code <reports>/docs/lifecycle.txt}: the working directory, each {@code GenerateDocs}, the
 * close that only Kill brings, and the exit status.
 */
public final class MarkdownDocumenter implements DocumenterListener {
    private final Path root;
    private final Path out;
    private final Path lifecycle;

    private MarkdownDocumenter(Path root, Path out, Path lifecycle) {
        this.root = root;
        this.out = out;
        this.lifecycle = lifecycle;
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("GAUGE_PROJECT_ROOT", "."));
        Path docs = root.resolve(System.getenv().getOrDefault("gauge_reports_dir", "reports")).resolve("docs");
        Files.createDirectories(docs);
        Path lifecycle = docs.resolve("lifecycle.txt");
        Files.writeString(lifecycle, "cwd=" + Path.of("").toAbsolutePath() + "\n", StandardCharsets.UTF_8);
        int status = ReporterPlugin.serveDocs(new MarkdownDocumenter(root, docs.resolve("specs.md"), lifecycle));
        record(lifecycle, "exit " + status);
        System.exit(status);
    }

    private static void record(Path lifecycle, String line) throws IOException {
        Files.writeString(lifecycle, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    public void generateDocs(DocsRequest request) throws IOException {
        record(lifecycle, "GenerateDocs " + request.specs().size() + " specs");
        StringBuilder md = new StringBuilder(Files.readString(Path.of("header.md"), StandardCharsets.UTF_8));
        String dirs = System.getenv().getOrDefault("GAUGE_SPEC_DIRS", "");
        md.append("\nSpec folders:\n");
        for (String dir : dirs.split("\\|\\|")) {
            md.append("- ").append(relative(dir)).append('\n');
        }
        for (ParsedSpec spec : request.specs()) {
            if (spec.spec().name().isEmpty()) {
                continue;
            }
            md.append("\n## ").append(spec.spec().name()).append(" (").append(relative(spec.spec().fileName()))
                    .append(")\n");
            if (!spec.spec().tags().isEmpty()) {
                md.append("Tags: ").append(String.join(", ", spec.spec().tags())).append('\n');
            }
            for (ParsedScenario sc : spec.scenarios()) {
                md.append("\n### ").append(sc.name())
                        .append(sc.span().map(s -> " (line " + s.start() + ")").orElse("")).append('\n');
                for (StepInfo step : sc.steps()) {
                    md.append("* ").append(step.actualText()).append('\n');
                }
            }
        }
        List<SpecError> errors = request.specs().stream().flatMap(s -> s.parseErrors().stream()).toList();
        if (!errors.isEmpty()) {
            md.append("\n## Parse errors\n");
            for (SpecError e : errors) {
                md.append("- ").append(relative(e.fileName())).append(':').append(e.line()).append(": ")
                        .append(e.message()).append('\n');
            }
        }
        Path temp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(temp, md, StandardCharsets.UTF_8);
        Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Only Kill (or an interrupted server) closes the listener. */
    @Override
    public void close() throws IOException {
        record(lifecycle, "close after Kill");
    }

    private String relative(String file) {
        Path p = Path.of(file);
        return (p.isAbsolute() && p.startsWith(root) ? root.relativize(p) : p).toString().replace('\\', '/');
    }
}
