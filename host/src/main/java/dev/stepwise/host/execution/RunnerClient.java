package dev.stepwise.host.execution;

/**
 * The runner as the orchestrator sees it: one method per Gauge RPC, in host types. The adapter maps them to
 * {@code gauge.messages.Runner}. Implementations never throw for a failed RPC: a gRPC error becomes a failed
 * {@link Outcome}, and a dead runner an outcome with {@link Outcome#runnerDied()}.
 */
public interface RunnerClient extends AutoCloseable {

    /** Data-store levels. */
    enum Level { SUITE, SPEC, SCENARIO }

    /** Hook RPCs that carry an ExecutionInfo. */
    enum Hook {
        START_EXECUTION, START_SPEC, START_SCENARIO, START_STEP, FINISH_STEP, FINISH_SCENARIO, FINISH_SPEC,
        FINISH_EXECUTION
    }

    /** Whether the runner wants NotifyConceptExecutionStarting/Ending (descriptor {@code conceptMessages}). */
    boolean wantsConceptMessages();

    Validation validateStep(StepSignature step);

    Outcome initDataStore(Level level);

    Outcome hook(Hook hook, ExecutionState state);

    Outcome executeStep(ExecutionState.StepCall call);

    Outcome concept(boolean starting, ExecutionState state);

    /**
     * This runner as seen by one execution stream: the same connection, with {@code stream} in every execution
     * request. Closing or killing a view is the owner's business, so callers close only the client they launched.
     * Clients that know no streams return themselves.
     */
    default RunnerClient forStream(int stream) {
        return this;
    }

    /** Sends Kill and lets the runner end. */
    void kill();

    @Override
    void close();
}
