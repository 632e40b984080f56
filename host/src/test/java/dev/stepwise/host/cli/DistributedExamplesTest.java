package dev.stepwise.host.cli;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/examples: the GitHub Actions matrix and the Kubernetes Indexed Job of docs/distributed.md parse as YAML, have
 * the shape their engines need, and run the documented commands. (Not run on GitHub or a cluster.)
 */
class DistributedExamplesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("stepwise.repo", ".."))
            .toAbsolutePath().normalize().resolve("docs/examples");

    private static List<Map<String, Object>> load(String name) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object o : new Yaml().loadAll(Files.readString(EXAMPLES.resolve(name), StandardCharsets.UTF_8))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            docs.add(m);
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object root, String... path) {
        Object o = root;
        for (String p : path) {
            o = o instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) o).get(p);
        }
        return (T) o;
    }

    @Test
    void githubActionsMatrixRunsShardsAndMerges() throws IOException {
        Map<String, Object> wf = load("github-actions-shards.yml").get(0);
        List<Object> shards = at(wf, "jobs", "shard", "strategy", "matrix", "shard");
        assertEquals(List.of(1, 2, 3, 4), shards);
        assertEquals("4", String.valueOf((Object) at(wf, "env", "SHARDS")));
        String text = Files.readString(EXAMPLES.resolve("github-actions-shards.yml"));
        assertTrue(text.contains("--shard \"${{ matrix.shard }}/$SHARDS\""), text);
        assertTrue(text.contains("scripts/stepwise merge shards/shard-*.log --out merged.log"), text);
        assertTrue(text.contains("scripts/stepwise report --project \"$PROJECT\" --from merged.log"), text);
        assertEquals("shard", String.valueOf((Object) at(wf, "jobs", "report", "needs")));
    }

    @Test
    void kubernetesIndexedJobRunsOneShardPerIndex() throws IOException {
        List<Map<String, Object>> docs = load("k8s-indexed-job.yaml");
        Map<String, Object> job = docs.stream().filter(d -> "Job".equals(d.get("kind"))).findFirst().orElseThrow();
        assertEquals("batch/v1", (Object) job.get("apiVersion"));
        assertEquals("Indexed", (Object) at(job, "spec", "completionMode"));
        assertEquals(4, (Integer) at(job, "spec", "completions"));
        assertEquals("Never", (Object) at(job, "spec", "template", "spec", "restartPolicy"));
        String script = at(job, "spec", "template", "spec", "containers", "0", "args", "0");
        assertTrue(script.contains("SHARD=$((JOB_COMPLETION_INDEX + 1))"), script);
        assertTrue(script.contains("--shard \"$SHARD/4\""), script);
        Map<String, Object> merge = load("k8s-merge-job.yaml").get(0);
        String mergeScript = at(merge, "spec", "template", "spec", "containers", "0", "args", "0");
        assertTrue(mergeScript.contains("stepwise merge /results/shard-*.log --out /results/merged.log"), mergeScript);
        assertEquals((Object) at(job, "spec", "template", "spec", "volumes", "0", "persistentVolumeClaim", "claimName"),
                (Object) at(merge, "spec", "template", "spec", "volumes", "0", "persistentVolumeClaim", "claimName"));
    }
}
