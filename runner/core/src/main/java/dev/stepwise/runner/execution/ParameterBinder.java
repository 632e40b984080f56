package dev.stepwise.runner.execution;

import dev.stepwise.api.Table;
import dev.stepwise.api.convert.StandardConversions;
import dev.stepwise.api.spi.ParameterConverter;
import dev.stepwise.runner.registry.StepImplementation;
import dev.stepwise.runner.registry.StepText;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

/**
 * Turns a step's arguments into the Java values its method takes: custom converters first (from
 * the project, through ServiceLoader), then tables, then the standard conversions. A value that does
 * not convert fails the step with a message naming the parameter, the value and the type.
 */
public final class ParameterBinder {

    private final Map<Class<?>, ParameterConverter<?>> converters;

    public ParameterBinder(Map<Class<?>, ParameterConverter<?>> converters) {
        this.converters = Map.copyOf(converters);
    }

    /** Thrown when arguments cannot be bound; its message is for the step author. */
    public static final class BindingException extends Exception {
        BindingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Object[] bind(StepImplementation step, Method method, StepText matched, StepCall call)
            throws BindingException {
        Class<?>[] types = method.getParameterTypes();
        List<Argument> args = call.arguments();
        if (types.length != args.size()) {
            throw new BindingException("Step '" + call.actualText() + "' passes " + args.size() + " argument(s) but "
                    + step.location() + " takes " + types.length + ". Make the method's parameters match the step's "
                    + "<parameters> (an inline or CSV table is one extra parameter of type Table).", null);
        }
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            values[i] = convert(args.get(i), types[i], describe(i, matched, args.get(i)));
        }
        return values;
    }

    private static String describe(int index, StepText matched, Argument arg) {
        String name = index < matched.parameters().size() ? matched.parameters().get(index)
                : arg.name().isEmpty() ? "table" : arg.name();
        return "parameter " + (index + 1) + " <" + name + ">";
    }

    private Object convert(Argument arg, Class<?> type, String parameter) throws BindingException {
        ParameterConverter<?> custom = converters.get(type);
        if (arg.isTable()) {
            Table table;
            try {
                table = new Table(arg.headers(), arg.rows());
            } catch (IllegalArgumentException e) {
                throw new BindingException("The table given for " + parameter + " is malformed: " + e.getMessage(), e);
            }
            if (type.isAssignableFrom(Table.class)) {
                return table;
            }
            if (custom != null) {
                return convertWith(custom, table.toString(), type, parameter);
            }
            throw new BindingException(parameter + " receives a table, but the method declares "
                    + type.getName() + "; declare it as dev.stepwise.api.Table", null);
        }
        if (custom != null) {
            return convertWith(custom, arg.value(), type, parameter);
        }
        if (type == Table.class) {
            throw new BindingException(parameter + " is declared as Table but the step passes the text '"
                    + arg.value() + "'", null);
        }
        try {
            return StandardConversions.convert(arg.value(), type);
        } catch (IllegalArgumentException e) {
            throw new BindingException("Cannot convert " + parameter + ": '" + arg.value() + "' to "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static Object convertWith(ParameterConverter<?> converter, String value, Class<?> type, String parameter)
            throws BindingException {
        try {
            return converter.convert(value);
        } catch (Exception e) {
            throw new BindingException("Cannot convert " + parameter + ": '" + value + "' to " + type.getSimpleName()
                    + " with " + converter.getClass().getName() + ": " + e.getMessage(), e);
        }
    }
}
