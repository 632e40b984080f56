package dev.stepwise.host.cli;

import picocli.CommandLine.Option;

/** The reporting switches of {@code stepwise run}. */
final class ReportOptions {
    @Option(names = "--no-reports", description = "Do not write the built-in JUnit XML, JSON and HTML reports "
            + "(also: env stepwise_builtin_reports=false). The event log and the manifest's plugins still run.")
    boolean noReports;

    @Option(names = "--allow-plugin-failures", description = "A reporter plugin that fails does not change the exit "
            + "code (also: env stepwise_allow_plugin_failures=true). It is still reported.")
    boolean allowPluginFailures;
}
