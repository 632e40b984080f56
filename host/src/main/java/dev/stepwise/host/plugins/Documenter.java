package dev.stepwise.host.plugins;

import dev.stepwise.proto.DocumenterGrpc;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.SpecDetails;
import io.grpc.StatusRuntimeException;

import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * {@code stepwise docs}: one {@code GenerateDocs} call to a started documentation plugin, then {@code Kill} with the
 * same grace and forced kill as reporters (gauge {@code plugin.GenerateDoc}).
 */
public final class Documenter {
    private Documenter() {
    }

    /**
     * @throws PluginException if the call fails, naming the plugin, its exit status and stderr tail
     */
    public static void generate(PluginLauncher.Started plugin, SpecDetails details, PluginSettings settings) {
        String who = "documentation plugin " + plugin.descriptor().label();
        try {
            // Gauge sets no deadline here: documenting a large project may take long. A crash still ends the call.
            DocumenterGrpc.newBlockingStub(plugin.channel()).withMaxOutboundMessageSize(1 << 30).generateDocs(details);
        } catch (StatusRuntimeException e) {
            OptionalInt exit = plugin.process().exitStatus(300);
            plugin.process().close();
            plugin.channel().shutdownNow();
            throw new PluginException(who + " failed in GenerateDocs: " + (exit.isPresent()
                    ? "its process exited with status " + exit.getAsInt() : e.getStatus().getCode()
                    + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription()))
                    + tail(plugin), e);
        }
        try {
            DocumenterGrpc.newBlockingStub(plugin.channel())
                    .withDeadlineAfter(Math.max(1000, settings.killTimeout().toMillis()), TimeUnit.MILLISECONDS)
                    .kill(KillProcessRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            // It may close the connection while stopping; the exit status decides.
        }
        OptionalInt exit = plugin.process().exitStatus(settings.killTimeout().toMillis());
        plugin.channel().shutdownNow();
        if (exit.isEmpty()) {
            plugin.process().close();
            throw new PluginException(who + " did not exit within plugin_kill_timeout = "
                    + settings.killTimeout().toMillis() + " ms after Kill and was force-killed" + tail(plugin));
        }
        if (exit.getAsInt() != 0) {
            throw new PluginException(who + " exited with status " + exit.getAsInt() + tail(plugin));
        }
    }

    private static String tail(PluginLauncher.Started plugin) {
        var lines = plugin.process().stderrTail();
        return lines.isEmpty() ? "" : "\n  last lines of its stderr:\n    " + String.join("\n    ", lines);
    }
}
