package dev.stepwise.runner.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the runner reads from its command line and environment, read once at start-up.
 *
 * @param projectRoot         {@code GAUGE_PROJECT_ROOT}: the project whose steps are run
 * @param port                {@code GAUGE_INTERNAL_PORT}, 0 for any free port
 * @param classpath           an explicit project classpath ({@code --classpath} or
 *                            {@code gauge_custom_classpath}), empty to derive it from the project layout
 * @param multithreaded       {@code enable_multithreading=true}: streams run concurrently
 * @param stepTimeout         default step timeout; zero means none
 * @param screenshotOnFailure {@code screenshot_on_failure}
 * @param screenshotsDir      {@code gauge_screenshots_dir}
 * @param lspMode             {@code GAUGE_LSP_GRPC=true}: serving an IDE backend
 * @param debug               verbose logging
 */
public record RunnerConfig(
        Path projectRoot,
        int port,
        Optional<String> classpath,
        boolean multithreaded,
        Duration stepTimeout,
        boolean screenshotOnFailure,
        Path screenshotsDir,
        boolean lspMode,
        boolean debug) {

    /** Reads the configuration Gauge and the Stepwise host pass through the environment. */
    public static RunnerConfig fromEnvironment(Map<String, String> env, Optional<String> classpathArgument) {
        String root = env.get("GAUGE_PROJECT_ROOT");
        if (root == null || root.isBlank()) {
            throw new IllegalArgumentException(
                    "GAUGE_PROJECT_ROOT is not set: the runner needs the project's root folder "
                            + "(Gauge and the Stepwise host set it when they launch the runner)");
        }
        Path projectRoot = Path.of(root).toAbsolutePath().normalize();
        Optional<String> classpath = classpathArgument.or(() -> nonBlank(env.get("gauge_custom_classpath")));
        long timeoutMillis = parseLong(env, "stepwise_step_timeout", 0);
        Path screenshots = nonBlank(env.get("gauge_screenshots_dir"))
                .map(p -> projectRoot.resolve(p))
                .orElse(projectRoot.resolve(".gauge").resolve("screenshots"));
        return new RunnerConfig(
                projectRoot,
                (int) parseLong(env, "GAUGE_INTERNAL_PORT", 0),
                classpath,
                isTrue(env.get("enable_multithreading")),
                Duration.ofMillis(timeoutMillis),
                !"false".equalsIgnoreCase(env.getOrDefault("screenshot_on_failure", "true").trim()),
                screenshots,
                isTrue(env.get("GAUGE_LSP_GRPC")),
                isTrue(env.get("stepwise_debug")) || isTrue(env.get("GAUGE_DEBUG")));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    private static boolean isTrue(String s) {
        return s != null && s.trim().equalsIgnoreCase("true");
    }

    private static long parseLong(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new NumberFormatException("negative");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a non-negative whole number, got '" + value + "'", e);
        }
    }
}
