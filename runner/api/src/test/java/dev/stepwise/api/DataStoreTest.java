package dev.stepwise.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DataStoreTest {

    private final DataStore store = new ConcurrentDataStore();

    @Test
    void putGetRemove() {
        assertNull(store.put("a", 1));
        assertEquals(1, store.put("a", 2));
        assertEquals(2, store.get("a"));
        assertTrue(store.containsKey("a"));
        assertEquals(2, store.remove("a"));
        assertNull(store.get("a"));
        assertEquals(0, store.size());
    }

    @Test
    void nullValueRemovesAndNullKeyIsRejected() {
        store.put("a", "x");
        assertEquals("x", store.put("a", null));
        assertFalse(store.containsKey("a"));
        assertThrows(NullPointerException.class, () -> store.put(null, "x"));
        assertThrows(NullPointerException.class, () -> store.get(null));
    }

    @Test
    void typedGet() {
        store.put("n", 5);
        assertEquals(5, store.get("n", Integer.class));
        int primitive = store.get("n", int.class);
        assertEquals(5, primitive);
        assertEquals(Integer.valueOf(5), store.get("n", Number.class));
        assertNull(store.get("missing", String.class));
        assertEquals("d", store.getOrDefault("missing", String.class, "d"));
        assertEquals(5, store.getOrDefault("n", Integer.class, 7));
        ClassCastException e = assertThrows(ClassCastException.class, () -> store.get("n", String.class));
        assertEquals("Data store key 'n' holds a java.lang.Integer, not a java.lang.String", e.getMessage());
    }

    @Test
    void snapshotsDoNotChange() {
        store.put("a", 1);
        Set<String> keys = store.keys();
        Map<String, Object> entries = store.entries();
        store.put("b", 2);
        store.clear();
        assertEquals(Set.of("a"), keys);
        assertEquals(Map.of("a", 1), entries);
        assertEquals(0, store.size());
        assertThrows(UnsupportedOperationException.class, () -> keys.add("x"));
    }

    @Test
    void concurrentWritesAreNotLost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int base = t * 1000;
            pool.execute(() -> {
                for (int i = 0; i < 1000; i++) {
                    store.put("k" + (base + i), i);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(8000, store.size());
    }
}
