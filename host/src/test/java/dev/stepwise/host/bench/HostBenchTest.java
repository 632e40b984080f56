package dev.stepwise.host.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the host benchmarks start the CLI and read its GC log. */
class HostBenchTest {

    @TempDir
    Path tmp;

    @Test
    void theCliIsStartedThroughScriptsStepwiseWithTheExtraJvmOptionsInStepwiseJavaOpts() {
        HostBench bench = new HostBench(Map.of("work", tmp.toString(), "plugin", "/plugins/stepwise-java",
                "stepwise", "/repo/scripts/stepwise"));
        ProcessBuilder pb = bench.cli(List.of("-Xlog:gc:file=/tmp/gc.log", "-Xmx1g"), "run", "--project", "p q");

        assertEquals(List.of("bash", "/repo/scripts/stepwise", "run", "--project", "p q"), pb.command());
        assertEquals("-Xlog:gc:file=/tmp/gc.log -Xmx1g", pb.environment().get("STEPWISE_JAVA_OPTS"));
        assertEquals("1", pb.environment().get("STEPWISE_NO_BUILD"), "the script must not rebuild under a measurement");
        assertEquals("/plugins/stepwise-java", pb.environment().get("STEPWISE_RUNNER_DIR"));
        assertEquals(tmp.resolve("cds").toString(), pb.environment().get("STEPWISE_CDS_DIR"));
        assertEquals("", bench.cli(List.of(), "--version").environment().get("STEPWISE_JAVA_OPTS"),
                "no options of the caller's environment leak into a measurement");
    }

    @Test
    void aJvmOptionWithASpaceIsRefusedAsTheScriptWouldSplitIt() {
        HostBench bench = new HostBench(Map.of("work", tmp.toString(), "plugin", "/p", "stepwise", "/s"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bench.cli(List.of("-Xlog:gc:file=/a folder/gc.log"), "run"));
        assertTrue(e.getMessage().contains("/a folder/gc.log"), e.getMessage());
    }

    @Test
    void gcStatsOfTheSerialCollectorSumTheYoungAndTenuredGenerationsAtExit() throws Exception {
        Path log = tmp.resolve("serial.log");
        Files.writeString(log, String.join("\n",
                "[0.002s][info][gc] Using Serial",
                "[0.375s][info][gc] GC(0) Pause Young (Allocation Failure) 100M->6M(365M) 7.995ms",
                "[0.385s][info][gc] GC(1) Pause Young (Allocation Failure) 107M->11M(365M) 5.689ms",
                "[0.390s][info][gc] GC(2) Pause Full (Allocation Failure) 104M->9M(365M) 9.001ms",
                "[0.391s][info][gc,heap,exit] Heap",
                "[0.391s][info][gc,heap,exit]  def new generation   total 116160K, used 19447K [0x0, 0x1, 0x2)",
                "[0.391s][info][gc,heap,exit]   eden space 103296K,   6% used [0x0, 0x1, 0x2)",
                "[0.391s][info][gc,heap,exit]   from space 12864K,  99% used [0x0, 0x1, 0x2)",
                "[0.391s][info][gc,heap,exit]  tenured generation   total 258048K, used 3596K [0x0, 0x1, 0x2)",
                "[0.391s][info][gc,heap,exit]    the space 258048K,   1% used [0x0, 0x1, 0x2, 0x3)",
                "[0.391s][info][gc,heap,exit]  Metaspace       used 9349K, committed 9536K, reserved 1114112K",
                "[0.391s][info][gc,heap,exit]   class space    used 1132K, committed 1216K, reserved 1048576K",
                ""));
        assertArrayEquals(new long[] {107, 11, 3, 19447 + 3596}, HostBench.gcStats(log));
    }

    @Test
    void gcStatsOfG1ReadTheOneHeapAtExit() throws Exception {
        Path log = tmp.resolve("g1.log");
        Files.writeString(log, String.join("\n",
                "[0.010s][info][gc] Using G1",
                "[0.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 2.111ms",
                "[0.395s][info][gc,heap,exit] Heap",
                "[0.395s][info][gc,heap,exit]  garbage-first heap   total 1191936K, used 240038K [0x0, 0x1)",
                "[0.395s][info][gc,heap,exit]   region size 4096K, 48 young (196608K), 2 survivors (8192K)",
                "[0.395s][info][gc,heap,exit]  Metaspace       used 9293K, committed 9536K, reserved 1114112K",
                ""));
        assertArrayEquals(new long[] {24, 3, 1, 240038}, HostBench.gcStats(log));
    }

    @Test
    void gcStatsWithoutAnExitSummaryGiveMinusOne() throws Exception {
        Path log = tmp.resolve("cut.log");
        Files.writeString(log, "[0.375s][info][gc] GC(0) Pause Young (Allocation Failure) 100M->6M(365M) 7.995ms\n");
        assertArrayEquals(new long[] {100, 6, 1, -1}, HostBench.gcStats(log));
    }
}
