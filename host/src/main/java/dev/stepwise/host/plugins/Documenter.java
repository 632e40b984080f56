package dev.stepwise.host.plugins;

import dev.stepwise.proto.DocumenterGrpc;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.SpecDetails;
import io.grpc.Status;
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
     * Sends the specs, then Kill, and waits for the plugin to exit.
     *
     * @return the plugin's exit status after Kill (always 0: any other status is thrown)
     * @throws PluginException if the call fails, misses {@code stepwise_docs_timeout}, or the plugin does not exit
     *                         cleanly after Kill; naming the plugin, what happened, its exit status and stderr tail.
     *                         The plugin's process is gone when this returns or throws.
     */
    public static int generate(PluginLauncher.Started plugin, SpecDetails details, PluginSettings settings) {
        String who = "documentation plugin " + plugin.descriptor().label();
        try {
            // Gauge sets no deadline here; documenting a large project may take long, so the default is generous,
            // but a documenter that never answers must not hang the command. A crash ends the call at once.
            var stub = DocumenterGrpc.newBlockingStub(plugin.channel()).withMaxOutboundMessageSize(1 << 30);
            if (!settings.docsTimeout().isZero() && !settings.docsTimeout().isNegative()) {
                stub = stub.withDeadlineAfter(settings.docsTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            stub.generateDocs(details);
        } catch (StatusRuntimeException e) {
            OptionalInt exit = plugin.process().exitStatus(300);
            plugin.process().close();
            plugin.channel().shutdownNow();
            String what;
            if (exit.isPresent()) {
                what = "its process exited with status " + exit.getAsInt();
            } else if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                what = "no answer within stepwise_docs_timeout = " + settings.docsTimeout().toMillis()
                        + " ms; the plugin was killed (raise stepwise_docs_timeout, or 0 for no limit, if it needs"
                        + " longer)";
            } else {
                what = e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
                        : ": " + e.getStatus().getDescription());
            }
            throw new PluginException(who + " failed in GenerateDocs: " + what + tail(plugin), e);
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
            throw new PluginException(who + " exited with status " + exit.getAsInt() + " after Kill" + tail(plugin));
        }
        return exit.getAsInt();
    }

    private static String tail(PluginLauncher.Started plugin) {
        var lines = plugin.process().stderrTail();
        return lines.isEmpty() ? "" : "\n  last lines of its stderr:\n    " + String.join("\n    ", lines);
    }
}
