package dev.stepwise.runner.registry;

import java.lang.reflect.Method;
import java.util.List;

/** Finds a method named in the step index in the project's classes. */
final class Members {

    private Members() {
    }

    static Method find(String className, String methodName, List<String> parameterTypes, ClassLoader loader)
            throws ReflectiveOperationException {
        Class<?> type = Class.forName(className, false, loader);
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(methodName) && !m.isBridge() && !m.isSynthetic()
                    && sameParameters(m, parameterTypes)) {
                m.setAccessible(true);
                return m;
            }
        }
        throw new NoSuchMethodException(className + "." + methodName + "(" + String.join(", ", parameterTypes)
                + ") is listed in the step index but is not in the compiled class; rebuild the project");
    }

    private static boolean sameParameters(Method m, List<String> names) {
        Class<?>[] types = m.getParameterTypes();
        if (types.length != names.size()) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (!types[i].getName().equals(names.get(i)) && !types[i].getTypeName().equals(names.get(i))) {
                return false;
            }
        }
        return true;
    }
}
