package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void contextDefaultsAreEmptyNeverNull() {
        ExecutionContext c = ExecutionContext.empty();
        assertEquals("", c.spec().name());
        assertEquals(List.of(), c.scenario().tags());
        assertEquals(1, c.scenario().attempt());
        assertEquals("", c.step().stackTrace());
        assertEquals("", c.projectName());
        assertEquals(Map.of(), c.executionArgs());
        assertEquals(Set.of(), c.allTags());
        assertEquals(1, c.stream());
        assertEquals(1, c.numberOfStreams());
        SpecInfo nulls = new SpecInfo(null, null, null, false);
        assertEquals("", nulls.name());
        assertEquals(List.of(), nulls.tags());
    }

    @Test
    void contextCopiesAndUnionsTags() {
        List<String> specTags = new ArrayList<>(List.of("smoke", "ui"));
        Map<String, List<String>> args = new HashMap<>();
        List<String> argValues = new ArrayList<>(List.of("4"));
        args.put("n", argValues);
        ExecutionContext c = ExecutionContext.builder()
                .spec(new SpecInfo("Login", "specs/login.spec", specTags, false))
                .scenario(new ScenarioInfo("Wrong password", List.of("ui", "negative"), true, 2, 3))
                .step(new StepInfo("Type <pw>", "Type \"x\"", List.of("x"), true, "boom", "at x"))
                .projectName("shop").stream(3).numberOfStreams(4).runnerId(7).executionArgs(args)
                .build();
        specTags.add("late");
        argValues.add("late");
        args.put("other", List.of());
        assertEquals(List.of("smoke", "ui"), c.spec().tags());
        assertEquals(List.of("smoke", "ui", "negative"), List.copyOf(c.allTags()));
        assertEquals(Map.of("n", List.of("4")), c.executionArgs());
        assertThrows(UnsupportedOperationException.class, () -> c.executionArgs().get("n").add("x"));
        assertTrue(c.scenario().isRetry());
        assertEquals(c, c.toBuilder().build());
        assertEquals(c.hashCode(), c.toBuilder().build().hashCode());
        assertFalse(c.equals(c.toBuilder().stream(4).build()));
    }

    @Test
    void contextValidation() {
        assertThrows(IllegalArgumentException.class, () -> new ScenarioInfo("s", List.of(), false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScenarioInfo("s", List.of(), false, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> ExecutionContext.builder().stream(0));
        assertThrows(IllegalArgumentException.class, () -> ExecutionContext.builder().stream(3).numberOfStreams(2).build());
    }

    @Test
    void attachmentCopiesAndValidates() {
        byte[] data = {1, 2, 3};
        Attachment a = new Attachment("x.bin", "application/octet-stream", data);
        data[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, a.data());
        a.data()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, a.data());
        assertEquals(3, a.size());
        assertEquals(a, new Attachment("x.bin", "application/octet-stream", new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> new Attachment("x", " ", data));
        assertThrows(NullPointerException.class, () -> new Attachment("x", null, data));
        assertThrows(NullPointerException.class, () -> new Attachment("x", "a/b", null));
        assertEquals("Attachment[name=x.bin, mediaType=application/octet-stream, size=3]", a.toString());
    }

    @Test
    void skipKeepsReason() {
        RuntimeException cause = new RuntimeException("no db");
        SkipScenarioException e = new SkipScenarioException("database not available", cause);
        assertEquals("database not available", e.reason());
        assertEquals(cause, e.getCause());
        assertNull(new SkipScenarioException("r").getCause());
        assertThrows(NullPointerException.class, () -> new SkipScenarioException(null));
    }

    static class Annotated {
        @Step(value = {"a <x>", "b <x>"}, timeoutMillis = 500)
        @ContinueOnFailure(AssertionError.class)
        public void step(String x) {
        }

        @BeforeScenario(tags = "smoke", order = -1)
        @AfterStep
        public void hook() {
        }
    }

    @StepScope(Lifetime.SPEC)
    static class Scoped {
    }

    static class ScopedChild extends Scoped {
    }

    @Test
    void annotationsAreVisibleAtRuntime() throws Exception {
        Method step = Annotated.class.getMethod("step", String.class);
        Step s = step.getAnnotation(Step.class);
        assertArrayEquals(new String[] {"a <x>", "b <x>"}, s.value());
        assertEquals(500, s.timeoutMillis());
        assertArrayEquals(new Class<?>[] {AssertionError.class}, step.getAnnotation(ContinueOnFailure.class).value());
        Method hook = Annotated.class.getMethod("hook");
        assertEquals("smoke", hook.getAnnotation(BeforeScenario.class).tags());
        assertEquals(-1, hook.getAnnotation(BeforeScenario.class).order());
        assertEquals("", hook.getAnnotation(AfterStep.class).tags());
        assertEquals(Lifetime.SPEC, ScopedChild.class.getAnnotation(StepScope.class).value());
        for (Class<? extends Annotation> type : List.of(Step.class, BeforeSuite.class, AfterSuite.class, BeforeSpec.class,
                AfterSpec.class, BeforeScenario.class, AfterScenario.class, BeforeStep.class, AfterStep.class,
                ContinueOnFailure.class, StepScope.class)) {
            assertEquals(RetentionPolicy.RUNTIME, type.getAnnotation(Retention.class).value(), type.getName());
        }
    }
}
