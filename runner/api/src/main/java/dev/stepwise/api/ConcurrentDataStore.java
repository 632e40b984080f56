package dev.stepwise.api;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The thread-safe {@link DataStore} the runner gives each stream, backed by a
 * {@link ConcurrentHashMap}.
 *
 * <p>Step code may hand data to threads it starts, so every operation is safe under concurrent
 * use; snapshots ({@link #keys()}, {@link #entries()}) are consistent copies that later writes do
 * not change.
 */
public final class ConcurrentDataStore implements DataStore {

    private final ConcurrentHashMap<String, Object> map = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public ConcurrentDataStore() {
    }

    @Override
    public Object put(String key, Object value) {
        requireKey(key);
        return value == null ? map.remove(key) : map.put(key, value);
    }

    @Override
    public Object get(String key) {
        return map.get(requireKey(key));
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return getOrDefault(key, type, null);
    }

    @Override
    public <T> T getOrDefault(String key, Class<T> type, T defaultValue) {
        Objects.requireNonNull(type, "type");
        Object value = map.get(requireKey(key));
        if (value == null) {
            return defaultValue;
        }
        Class<?> boxed = box(type);
        if (!boxed.isInstance(value)) {
            throw new ClassCastException("Data store key '" + key + "' holds a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        @SuppressWarnings("unchecked") // checked above; boxed stands for the primitive type
        T result = (T) value;
        return result;
    }

    @Override
    public boolean containsKey(String key) {
        return map.containsKey(requireKey(key));
    }

    @Override
    public Object remove(String key) {
        return map.remove(requireKey(key));
    }

    @Override
    public Set<String> keys() {
        return Set.copyOf(map.keySet());
    }

    @Override
    public Map<String, Object> entries() {
        return Map.copyOf(map);
    }

    @Override
    public void clear() {
        map.clear();
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public String toString() {
        return "ConcurrentDataStore" + map.keySet();
    }

    private static String requireKey(String key) {
        return Objects.requireNonNull(key, "data store keys must not be null");
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        if (type == int.class) return Integer.class;
        if (type == long.class) return Long.class;
        if (type == boolean.class) return Boolean.class;
        if (type == double.class) return Double.class;
        if (type == float.class) return Float.class;
        if (type == char.class) return Character.class;
        if (type == byte.class) return Byte.class;
        if (type == short.class) return Short.class;
        return Void.class;
    }
}
