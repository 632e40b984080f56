package dev.stepwise.host.cli;

import dev.stepwise.host.adapter.SpecProtoMapper;
import dev.stepwise.host.config.ProjectConfig;
import dev.stepwise.host.parser.ConceptRegistry;
import dev.stepwise.host.parser.ParsedSpec;
import dev.stepwise.host.parser.ParserSettings;
import dev.stepwise.host.parser.ProjectScanner;
import dev.stepwise.host.plugins.Documenter;
import dev.stepwise.host.plugins.PluginDescriptor;
import dev.stepwise.host.plugins.PluginException;
import dev.stepwise.host.plugins.PluginLauncher;
import dev.stepwise.host.plugins.PluginSettings;
import dev.stepwise.proto.SpecDetails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** {@code stepwise docs PLUGIN [SPECS]}: Gauge's {@code gauge docs}, over gRPC. */
@Command(name = "docs", description = "Parse the specs (no runner) and hand them to a documentation plugin's "
        + "GenerateDocs.")
final class DocsCommand implements Callable<Integer> {
    @Mixin
    Main.ProjectOptions common;

    @Parameters(index = "0", paramLabel = "PLUGIN", description = "The documentation plugin's id.")
    String plugin;

    @Parameters(index = "1..*", paramLabel = "SPECS", arity = "0..*",
            description = "Spec folders or files (default: gauge_specs_dir).")
    List<String> specs = new ArrayList<>();

    @Override
    public Integer call() {
        Main.Resolved r = common.resolve(specs);
        ProjectConfig config = r.config();
        PrintStream out = Main.Context.OUT.get();
        var env = Main.Context.ENV.get();
        ParserSettings settings = config.parserSettings();
        if (!r.specArgs().isEmpty()) {
            settings = settings.withSpecDirs(r.specArgs());
        }
        List<String> dirs = settings.specDirs().stream()
                .map(d -> config.root().resolve(d).toAbsolutePath().normalize().toString()).toList();
        ProjectScanner scanner = new ProjectScanner(config.root(), settings);
        ConceptRegistry concepts = scanner.parseConcepts();
        SpecDetails.Builder details = SpecDetails.newBuilder();
        int[] errors = {0};
        try (Stream<ParsedSpec> s = scanner.specs(concepts)) {
            s.forEach(p -> {
                errors[0] += p.errors().size();
                details.addDetails(SpecProtoMapper.specDetail(p));
            });
        }
        PluginSettings ps = PluginSettings.load(env, config);
        PluginLauncher launcher = new PluginLauncher(env, (level, message, stderr) -> {
            if (common.verbose || !stderr) {
                out.println(message);
            }
        }, ps);
        PluginDescriptor d = launcher.locate(plugin, "documentation");
        int exit;
        try {
            exit = Documenter.generate(launcher.start(d, launcher.documenterEnvironment(config, dirs)), details.build(),
                    ps);
        } catch (PluginException e) {
            out.println("stepwise: " + e.getMessage());
            return 1;
        }
        out.println("Documented " + details.getDetailsCount() + " spec(s) with " + d.label()
                + (errors[0] == 0 ? "" : " (" + errors[0] + " parse error(s) passed on to the plugin)")
                + "; it exited with status " + exit + " after Kill.");
        return 0;
    }
}
