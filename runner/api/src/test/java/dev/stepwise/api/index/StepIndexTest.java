package dev.stepwise.api.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stepwise.api.index.StepIndex.Entry;
import dev.stepwise.api.index.StepIndex.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepIndexTest {

    private static final Entry STEP = new Entry(Kind.STEP, "com.x.Steps$Inner", "go", List.of("int", "[Ljava.lang.String;"),
            "com/x/Steps.java", 12, List.of("Go <n> times\twith\\tab", "line\nbreak\r"));
    private static final Entry HOOK = new Entry(Kind.BEFORE_SCENARIO, "com.x.Hooks", "setUp",
            List.of("dev.stepwise.api.ExecutionContext"), "", 0, List.of());

    @Test
    void formatIsDocumentedShape() {
        String text = StepIndex.of(List.of(STEP, HOOK)).format();
        assertEquals("#stepwise-step-index\t1\n"
                + "before-scenario\tcom.x.Hooks\tsetUp\tdev.stepwise.api.ExecutionContext\t\t0\n"
                + "step\tcom.x.Steps$Inner\tgo\tint,[Ljava.lang.String;\tcom/x/Steps.java\t12"
                + "\tGo <n> times\\twith\\\\tab\tline\\nbreak\\r\n", text);
    }

    @Test
    void roundTrips() throws Exception {
        StepIndex index = StepIndex.of(List.of(STEP, HOOK));
        assertEquals(index, StepIndex.parse(index.format()));
        assertEquals(index, StepIndex.read(new ByteArrayInputStream(index.format().getBytes(StandardCharsets.UTF_8))));
        StepIndex parsed = StepIndex.parse(index.format());
        assertEquals(List.of(STEP), parsed.steps());
        assertEquals(List.of(HOOK), parsed.entries(Kind.BEFORE_SCENARIO));
        assertEquals("Go <n> times\twith\\tab", parsed.steps().get(0).texts().get(0));
    }

    @Test
    void toleratesCrlfAndEmptyLines() {
        StepIndex index = StepIndex.parse("#stepwise-step-index\t1\r\n\r\nafter-suite\ta.B\tm\t\t\t3\r\n");
        assertEquals(1, index.entries().size());
        assertEquals(List.of(), index.entries().get(0).parameterTypes());
        assertEquals(3, index.entries().get(0).line());
    }

    @Test
    void rejectsBadInputNamingTheLine() {
        assertThrows(IllegalArgumentException.class, () -> StepIndex.parse("hello"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StepIndex.parse("#stepwise-step-index\t2\n"));
        assertTrue(e.getMessage().contains("version 2 is not supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StepIndex.parse("#stepwise-step-index\t1\nstep\ta.B\tm\t\t\t1\n"));
        assertTrue(e.getMessage().startsWith("Step index line 2: step a.B.m has no text"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StepIndex.parse("#stepwise-step-index\t1\n\nwhatever\ta.B\tm\t\t\t1\n"));
        assertTrue(e.getMessage().startsWith("Step index line 3: Unknown step index kind 'whatever'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StepIndex.parse("#stepwise-step-index\t1\nstep\ta.B\tm\t\t\tx\tt\n"));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StepIndex.parse("#stepwise-step-index\t1\nstep\ta.B\tm\t\t\t1\tbad\\q\n"));
        assertTrue(e.getMessage().contains("unknown escape"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> StepIndex.parse("#stepwise-step-index\t1\nbefore-step\ta.B\tm\t\t\t1\ttext\n"));
    }

    @Test
    void locationIsFileAndLineWhenKnown() {
        assertEquals("com/x/Steps.java:12", STEP.location());
        assertEquals("com.x.Hooks.setUp(dev.stepwise.api.ExecutionContext)", HOOK.location());
    }
}
