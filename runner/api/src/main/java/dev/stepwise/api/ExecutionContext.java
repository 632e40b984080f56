package dev.stepwise.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where execution currently is: spec, scenario, step, and facts about the run.
 *
 * <p>Immutable. Parts that do not apply (the step in a scenario hook, the spec in a suite hook)
 * are empty values, never {@code null}. Hooks receive it as their optional parameter; steps get
 * it from {@link Stepwise#currentContext()}.
 */
public final class ExecutionContext {

    private static final ExecutionContext EMPTY = builder().build();

    private final SpecInfo spec;
    private final ScenarioInfo scenario;
    private final StepInfo step;
    private final String projectName;
    private final int stream;
    private final int runnerId;
    private final int numberOfStreams;
    private final Map<String, List<String>> executionArgs;
    private final Set<String> allTags;

    private ExecutionContext(Builder b) {
        this.spec = b.spec;
        this.scenario = b.scenario;
        this.step = b.step;
        this.projectName = b.projectName;
        this.stream = b.stream;
        this.runnerId = b.runnerId;
        this.numberOfStreams = b.numberOfStreams;
        Map<String, List<String>> args = new LinkedHashMap<>();
        b.executionArgs.forEach((k, v) -> args.put(k, List.copyOf(v)));
        this.executionArgs = Collections.unmodifiableMap(args);
        Set<String> tags = new LinkedHashSet<>(spec.tags());
        tags.addAll(scenario.tags());
        this.allTags = Collections.unmodifiableSet(tags);
    }

    /**
     * A context with every part empty, stream 1 of 1.
     *
     * @return the empty context
     */
    public static ExecutionContext empty() {
        return EMPTY;
    }

    /**
     * Starts building a context; unset parts are empty.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder pre-filled with this context's values, to derive a changed copy.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder()
                .spec(spec)
                .scenario(scenario)
                .step(step)
                .projectName(projectName)
                .stream(stream)
                .runnerId(runnerId)
                .numberOfStreams(numberOfStreams)
                .executionArgs(executionArgs);
    }

    /** @return the current specification; {@link SpecInfo#none()} outside one */
    public SpecInfo spec() {
        return spec;
    }

    /** @return the current scenario; {@link ScenarioInfo#none()} outside one */
    public ScenarioInfo scenario() {
        return scenario;
    }

    /** @return the current step; {@link StepInfo#none()} outside one */
    public StepInfo step() {
        return step;
    }

    /** @return the Gauge project's name; empty if unknown */
    public String projectName() {
        return projectName;
    }

    /** @return the 1-based execution stream this code runs in */
    public int stream() {
        return stream;
    }

    /** @return the id the host gave this runner process */
    public int runnerId() {
        return runnerId;
    }

    /** @return how many parallel streams the run has; 1 when not parallel */
    public int numberOfStreams() {
        return numberOfStreams;
    }

    /** @return the command-line execution arguments by flag name; immutable, possibly empty */
    public Map<String, List<String>> executionArgs() {
        return executionArgs;
    }

    /**
     * The tags that hook tag expressions are matched against.
     *
     * @return the union of spec and scenario tags, spec tags first, without duplicates
     */
    public Set<String> allTags() {
        return allTags;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionContext c
                && spec.equals(c.spec) && scenario.equals(c.scenario) && step.equals(c.step)
                && projectName.equals(c.projectName) && stream == c.stream && runnerId == c.runnerId
                && numberOfStreams == c.numberOfStreams && executionArgs.equals(c.executionArgs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, scenario, step, projectName, stream, runnerId, numberOfStreams, executionArgs);
    }

    @Override
    public String toString() {
        return "ExecutionContext[spec=" + spec + ", scenario=" + scenario + ", step=" + step
                + ", projectName=" + projectName + ", stream=" + stream + "/" + numberOfStreams
                + ", runnerId=" + runnerId + ", executionArgs=" + executionArgs + "]";
    }

    /** Builds an {@link ExecutionContext}; {@code null} arguments reset a part to empty. */
    public static final class Builder {
        private SpecInfo spec = SpecInfo.none();
        private ScenarioInfo scenario = ScenarioInfo.none();
        private StepInfo step = StepInfo.none();
        private String projectName = "";
        private int stream = 1;
        private int runnerId;
        private int numberOfStreams = 1;
        private Map<String, List<String>> executionArgs = Map.of();

        private Builder() {
        }

        /** @param spec the spec @return this builder */
        public Builder spec(SpecInfo spec) {
            this.spec = spec == null ? SpecInfo.none() : spec;
            return this;
        }

        /** @param scenario the scenario @return this builder */
        public Builder scenario(ScenarioInfo scenario) {
            this.scenario = scenario == null ? ScenarioInfo.none() : scenario;
            return this;
        }

        /** @param step the step @return this builder */
        public Builder step(StepInfo step) {
            this.step = step == null ? StepInfo.none() : step;
            return this;
        }

        /** @param projectName the project name @return this builder */
        public Builder projectName(String projectName) {
            this.projectName = projectName == null ? "" : projectName;
            return this;
        }

        /**
         * @param stream the 1-based stream number
         * @return this builder
         * @throws IllegalArgumentException if {@code stream < 1}
         */
        public Builder stream(int stream) {
            if (stream < 1) {
                throw new IllegalArgumentException("stream is 1-based but was " + stream);
            }
            this.stream = stream;
            return this;
        }

        /** @param runnerId the runner id @return this builder */
        public Builder runnerId(int runnerId) {
            this.runnerId = runnerId;
            return this;
        }

        /**
         * @param numberOfStreams how many parallel streams run
         * @return this builder
         * @throws IllegalArgumentException if {@code numberOfStreams < 1}
         */
        public Builder numberOfStreams(int numberOfStreams) {
            if (numberOfStreams < 1) {
                throw new IllegalArgumentException("numberOfStreams must be at least 1 but was " + numberOfStreams);
            }
            this.numberOfStreams = numberOfStreams;
            return this;
        }

        /**
         * @param executionArgs the execution arguments; copied when the context is built
         * @return this builder
         * @throws NullPointerException if a key or value list is {@code null}
         */
        public Builder executionArgs(Map<String, List<String>> executionArgs) {
            if (executionArgs == null) {
                this.executionArgs = Map.of();
            } else {
                executionArgs.forEach((k, v) -> {
                    Objects.requireNonNull(k, "execution argument name");
                    Objects.requireNonNull(v, () -> "values of execution argument " + k);
                });
                this.executionArgs = new LinkedHashMap<>(executionArgs);
            }
            return this;
        }

        /**
         * @return a new immutable context
         * @throws IllegalArgumentException if {@code stream > numberOfStreams}
         */
        public ExecutionContext build() {
            if (stream > numberOfStreams) {
                throw new IllegalArgumentException(
                        "stream " + stream + " is beyond numberOfStreams " + numberOfStreams);
            }
            return new ExecutionContext(this);
        }
    }
}
