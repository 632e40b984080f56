package dev.stepwise.host.plugins;

import com.google.protobuf.Message;
import dev.stepwise.host.events.EventKind;
import dev.stepwise.host.events.EventTarget;
import dev.stepwise.host.launch.ProcessProbe;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.KillProcessRequest;
import dev.stepwise.proto.ReporterGrpc;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * An out-of-process reporter plugin as an {@link EventTarget}. A plugin built on the Stepwise reporter SDK gets the
 * events it subscribed to on one {@link EventStreamClient event stream}; any other plugin gets Gauge's calls, each
 * event one {@code Reporter} RPC with a deadline. Either way the end is the end is {@code Kill}, then up to {@code plugin_kill_timeout} for the process to exit, then a forced
 * kill. A plugin that exits with a non-zero status after Kill (the SDK's signal that a listener threw) or has to be
 * force-killed counts as failed, since its report is probably incomplete.
 */
public final class PluginTarget implements EventTarget {
    private final PluginLauncher.Started plugin;
    private final ReporterGrpc.ReporterBlockingStub stub;
    private final Duration callTimeout;
    private final Duration killTimeout;
    /** Set (before {@link #streamTried}) on the sender thread when the first event goes out; null: Gauge's calls. */
    private volatile EventStreamClient stream;
    private volatile boolean streamTried;

    public PluginTarget(PluginLauncher.Started plugin, Duration callTimeout, Duration killTimeout) {
        this.plugin = plugin;
        this.stub = ReporterGrpc.newBlockingStub(plugin.channel()).withMaxOutboundMessageSize(1 << 30);
        this.callTimeout = callTimeout;
        this.killTimeout = killTimeout;
    }

    @Override
    public String name() {
        return "plugin " + plugin.descriptor().label();
    }

    /** Until its first event the plugin's wishes are unknown; then its subscription, or everything (Gauge's calls). */
    @Override
    public boolean wants(EventKind kind) {
        if (!streamTried) {
            return true;
        }
        EventStreamClient s = stream;
        return s == null || s.wants(kind);
    }

    @Override
    public void deliver(Message event, Instant at) {
        EventKind kind = EventKind.of(event);
        try {
            if (!streamTried) {
                stream = EventStreamClient.open(plugin.channel(), callTimeout);
                streamTried = true;
            }
            if (stream != null) {
                if (stream.wants(kind)) {
                    stream.send(event, kind, callTimeout);
                }
            } else {
                call(event, kind);
            }
        } catch (StatusRuntimeException e) {
            throw new PluginException(explain(e));
        }
    }

    /** Gauge's way: one unary call per event. */
    private void call(Message event, EventKind kind) {
        ReporterGrpc.ReporterBlockingStub s = stub.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        switch (kind) {
            case EXECUTION_STARTING -> s.notifyExecutionStarting((ExecutionStartingRequest) event);
            case SPEC_STARTING -> s.notifySpecExecutionStarting((SpecExecutionStartingRequest) event);
            case SCENARIO_STARTING -> s.notifyScenarioExecutionStarting((ScenarioExecutionStartingRequest) event);
            case CONCEPT_STARTING -> s.notifyConceptExecutionStarting((ConceptExecutionStartingRequest) event);
            case STEP_STARTING -> s.notifyStepExecutionStarting((StepExecutionStartingRequest) event);
            case STEP_ENDING -> s.notifyStepExecutionEnding((StepExecutionEndingRequest) event);
            case CONCEPT_ENDING -> s.notifyConceptExecutionEnding((ConceptExecutionEndingRequest) event);
            case SCENARIO_ENDING -> s.notifyScenarioExecutionEnding((ScenarioExecutionEndingRequest) event);
            case SPEC_ENDING -> s.notifySpecExecutionEnding((SpecExecutionEndingRequest) event);
            case EXECUTION_ENDING -> s.notifyExecutionEnding((ExecutionEndingRequest) event);
            case SUITE_RESULT -> s.notifySuiteResult((SuiteExecutionResult) event);
        }
    }

    private String explain(StatusRuntimeException e) {
        // A lost connection usually means the process is dying: give it up to the kill grace to be reaped, so
        // the report names its exit status (and signal) rather than a bare UNAVAILABLE.
        long wait = e.getStatus().getCode() == Status.Code.UNAVAILABLE ? killTimeout.toMillis() : 300;
        OptionalInt exit = plugin.process().exitStatus(wait);
        if (exit.isPresent()) {
            return "its process " + ProcessProbe.describeExit(exit.getAsInt()) + " (" + e.getStatus().getCode() + ")";
        }
        if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "no answer within " + callTimeout.toMillis() + " ms (stepwise_plugin_request_timeout): it hangs";
        }
        return "the call failed: " + e.getStatus().getCode()
                + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
    }

    /**
     * Kill, the grace period, then the verdict: force-killed, a non-zero exit status, or Kill answered with an
     * error, in that order of precedence.
     */
    @Override
    public void finish() {
        PluginException streamFailure = null;
        if (stream != null) {
            try {
                stream.finish(callTimeout);
            } catch (StatusRuntimeException e) {
                streamFailure = new PluginException("its event stream did not end cleanly: " + explain(e));
            } catch (PluginException e) {
                streamFailure = e;
            }
        }
        String killRefused = "";
        try {
            stub.withDeadlineAfter(Math.max(killTimeout.toMillis(), 1000), TimeUnit.MILLISECONDS)
                    .kill(KillProcessRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            // UNAVAILABLE: it closed the connection while stopping, as Gauge tolerates; DEADLINE_EXCEEDED: it is
            // still stopping. The exit status decides both. Any other status is the plugin's own answer.
            if (code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED) {
                killRefused = "answered Kill with " + code
                        + (e.getStatus().getDescription() == null ? "" : ": " + e.getStatus().getDescription());
            }
        }
        OptionalInt exit = plugin.process().exitStatus(killTimeout.toMillis());
        shutdownChannel();
        String alsoRefused = killRefused.isEmpty() ? "" : " (it " + killRefused + ")";
        if (exit.isEmpty()) {
            plugin.process().close();
            throw new PluginException("did not exit within plugin_kill_timeout = " + killTimeout.toMillis()
                    + " ms after Kill and was force-killed" + alsoRefused + "; its report may be incomplete");
        }
        if (exit.getAsInt() != 0) {
            throw new PluginException(ProcessProbe.describeExit(exit.getAsInt()) + " after Kill (a reporter"
                    + " reports its own failures this way)" + alsoRefused + "; its report may be incomplete");
        }
        if (!killRefused.isEmpty()) {
            throw new PluginException(killRefused + " (then exited with status 0); its report may be incomplete");
        }
        if (streamFailure != null) {
            throw streamFailure;
        }
    }

    @Override
    public void abort() {
        if (stream != null) {
            stream.cancel("the plugin is dropped");
        }
        shutdownChannel();
        plugin.process().close();
    }

    @Override
    public List<String> stderrTail() {
        return plugin.process().stderrTail();
    }

    private void shutdownChannel() {
        ManagedChannel c = plugin.channel();
        c.shutdownNow();
        try {
            c.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
