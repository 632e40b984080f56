package dev.stepwise.api;

import java.util.Map;
import java.util.Set;

/**
 * A key-value store that steps use to share data within a suite, spec or scenario.
 *
 * <p>Obtain one from {@link Stepwise#suiteStore()}, {@link Stepwise#specStore()} or
 * {@link Stepwise#scenarioStore()}. Stores belong to an execution stream, not to a thread, and
 * every implementation is safe to use from several threads. Keys are never {@code null};
 * putting a {@code null} value removes the key.
 */
public interface DataStore {

    /**
     * Stores a value.
     *
     * @param key the key
     * @param value the value; {@code null} removes the key
     * @return the previous value, or {@code null} if there was none
     * @throws NullPointerException if {@code key} is {@code null}
     */
    Object put(String key, Object value);

    /**
     * @param key the key
     * @return the value, or {@code null} if absent
     * @throws NullPointerException if {@code key} is {@code null}
     */
    Object get(String key);

    /**
     * Reads a value of a known type.
     *
     * @param key the key
     * @param type the expected type; primitive types match their wrappers
     * @param <T> the expected type
     * @return the value, or {@code null} if absent
     * @throws ClassCastException naming the key and both types if the value has another type
     * @throws NullPointerException if {@code key} or {@code type} is {@code null}
     */
    <T> T get(String key, Class<T> type);

    /**
     * Reads a value of a known type, with a fallback.
     *
     * @param key the key
     * @param type the expected type; primitive types match their wrappers
     * @param defaultValue returned when the key is absent
     * @param <T> the expected type
     * @return the value, or {@code defaultValue} if absent
     * @throws ClassCastException naming the key and both types if the value has another type
     */
    <T> T getOrDefault(String key, Class<T> type, T defaultValue);

    /**
     * @param key the key
     * @return whether a value is stored under the key
     */
    boolean containsKey(String key);

    /**
     * @param key the key
     * @return the removed value, or {@code null} if there was none
     */
    Object remove(String key);

    /** @return an immutable snapshot of the keys */
    Set<String> keys();

    /** @return an immutable snapshot of the entries */
    Map<String, Object> entries();

    /** Removes every entry. */
    void clear();

    /** @return the number of entries */
    int size();
}
