package dev.stepwise.runner.classpath;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Loads the project's classes apart from the runner's own libraries. User code sees the JDK, the
 * step API (shared with the runner, so annotations and SPI types are the same classes on both
 * sides) and its own classpath; gRPC, protobuf, Netty and ClassGraph stay invisible to it, so the
 * project may use any version of them.
 */
public final class UserCodeLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    public UserCodeLoader(ProjectClasspath classpath, ClassLoader runnerLoader) {
        super("stepwise-project", classpath.urls(), new ApiOnlyLoader(runnerLoader));
    }

    /** Exposes only the JDK and the step API packages of the runner's class loader. */
    private static final class ApiOnlyLoader extends ClassLoader {
        private static final String API_PACKAGE = "dev.stepwise.api.";

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader runnerLoader;

        ApiOnlyLoader(ClassLoader runnerLoader) {
            super("stepwise-api", ClassLoader.getPlatformClassLoader());
            this.runnerLoader = runnerLoader;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(API_PACKAGE)) {
                return runnerLoader.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return name.startsWith("dev/stepwise/api/") ? runnerLoader.getResource(name) : null;
        }
    }
}
