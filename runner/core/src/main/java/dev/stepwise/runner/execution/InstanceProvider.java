package dev.stepwise.runner.execution;

import dev.stepwise.api.Lifetime;
import dev.stepwise.api.StepScope;
import dev.stepwise.api.spi.ObjectFactory;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Step class instances with their lifetimes: a fresh instance per scenario by default, per spec or
 * per suite with {@link StepScope}. Scenario and spec instances belong to one stream; suite
 * instances are shared by the whole runner process. A user {@link ObjectFactory} (Spring, Guice,
 * ...) creates them when one is installed.
 */
public final class InstanceProvider {

    private final ObjectFactory factory;
    private final Map<Class<?>, Object> suiteInstances;
    private final Map<Class<?>, Object> specInstances = new ConcurrentHashMap<>();
    private final Map<Class<?>, Object> scenarioInstances = new ConcurrentHashMap<>();

    public InstanceProvider(ObjectFactory factory, Map<Class<?>, Object> sharedSuiteInstances) {
        this.factory = factory;
        this.suiteInstances = sharedSuiteInstances;
    }

    /** The default factory: the public no-argument constructor. */
    public static final ObjectFactory DEFAULT_FACTORY = new ObjectFactory() {
        @Override
        public <T> T getInstance(Class<T> type) throws Exception {
            Constructor<T> constructor;
            try {
                constructor = type.getDeclaredConstructor();
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " needs a no-argument constructor (or install an "
                        + "ObjectFactory that can create it)", e);
            }
            constructor.setAccessible(true);
            return constructor.newInstance();
        }
    };

    public Object instanceOf(Class<?> type) throws Exception {
        Map<Class<?>, Object> cache = switch (lifetimeOf(type)) {
            case SUITE -> suiteInstances;
            case SPEC -> specInstances;
            case SCENARIO -> scenarioInstances;
        };
        Object existing = cache.get(type);
        if (existing != null) {
            return existing;
        }
        synchronized (cache) {
            existing = cache.get(type);
            if (existing == null) {
                existing = factory.getInstance(type);
                cache.put(type, existing);
            }
            return existing;
        }
    }

    private static Lifetime lifetimeOf(Class<?> type) {
        StepScope scope = type.getAnnotation(StepScope.class);
        return scope == null ? Lifetime.SCENARIO : scope.value();
    }

    /** Ends the previous scenario's instances and begins a new scenario. */
    public void startScenario() {
        renew(scenarioInstances, Lifetime.SCENARIO);
    }

    /** Ends the previous spec's (and scenario's) instances and begins a new spec. */
    public void startSpec() {
        renew(scenarioInstances, Lifetime.SCENARIO);
        renew(specInstances, Lifetime.SPEC);
    }

    /** Ends every instance and begins a new suite. */
    public void startSuite() {
        startSpec();
        renew(suiteInstances, Lifetime.SUITE);
    }

    /** Tells the factory a lifetime ended (only if it held instances), forgets them, and starts anew. */
    private void renew(Map<Class<?>, Object> cache, Lifetime lifetime) {
        synchronized (cache) {
            if (!cache.isEmpty()) {
                factory.stop(lifetime);
                cache.clear();
            }
        }
        factory.start(lifetime);
    }
}
