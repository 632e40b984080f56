package dev.stepwise.host.events;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.stepwise.proto.ConceptExecutionEndingRequest;
import dev.stepwise.proto.ConceptExecutionStartingRequest;
import dev.stepwise.proto.ExecutionEndingRequest;
import dev.stepwise.proto.ExecutionStartingRequest;
import dev.stepwise.proto.ScenarioExecutionEndingRequest;
import dev.stepwise.proto.ScenarioExecutionStartingRequest;
import dev.stepwise.proto.SpecExecutionEndingRequest;
import dev.stepwise.proto.SpecExecutionStartingRequest;
import dev.stepwise.proto.StepExecutionEndingRequest;
import dev.stepwise.proto.StepExecutionStartingRequest;
import dev.stepwise.proto.SuiteExecutionResult;

/**
 * The eleven Reporter requests, each with the one-byte tag it has in the event log ({@code docs/event-log.md}).
 * Tags are part of the file format: never renumber one. They are also the field numbers of
 * {@code stepwise.reporting.Event} and the values of {@code stepwise.reporting.EventKind} (stepwise_reporting.proto).
 */
public enum EventKind {
    EXECUTION_STARTING(1, ExecutionStartingRequest.class, ExecutionStartingRequest.parser()),
    SPEC_STARTING(2, SpecExecutionStartingRequest.class, SpecExecutionStartingRequest.parser()),
    SCENARIO_STARTING(3, ScenarioExecutionStartingRequest.class, ScenarioExecutionStartingRequest.parser()),
    CONCEPT_STARTING(4, ConceptExecutionStartingRequest.class, ConceptExecutionStartingRequest.parser()),
    STEP_STARTING(5, StepExecutionStartingRequest.class, StepExecutionStartingRequest.parser()),
    STEP_ENDING(6, StepExecutionEndingRequest.class, StepExecutionEndingRequest.parser()),
    CONCEPT_ENDING(7, ConceptExecutionEndingRequest.class, ConceptExecutionEndingRequest.parser()),
    SCENARIO_ENDING(8, ScenarioExecutionEndingRequest.class, ScenarioExecutionEndingRequest.parser()),
    SPEC_ENDING(9, SpecExecutionEndingRequest.class, SpecExecutionEndingRequest.parser()),
    EXECUTION_ENDING(10, ExecutionEndingRequest.class, ExecutionEndingRequest.parser()),
    SUITE_RESULT(11, SuiteExecutionResult.class, SuiteExecutionResult.parser());

    private final int tag;
    private final Class<? extends Message> type;
    private final Parser<? extends Message> parser;

    EventKind(int tag, Class<? extends Message> type, Parser<? extends Message> parser) {
        this.tag = tag;
        this.type = type;
        this.parser = parser;
    }

    public int tag() {
        return tag;
    }

    public Parser<? extends Message> parser() {
        return parser;
    }

    /** The kind of a Reporter request. */
    public static EventKind of(Message m) {
        for (EventKind k : values()) {
            if (k.type.isInstance(m)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a Reporter request: " + m.getDescriptorForType().getFullName());
    }

    /** The kind with this tag, or null. */
    public static EventKind ofTag(int tag) {
        for (EventKind k : values()) {
            if (k.tag == tag) {
                return k;
            }
        }
        return null;
    }
}
