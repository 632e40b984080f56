package dev.stepwise.api.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The built-in conversions of step parameter text to method parameter types.
 *
 * <p>Covered: {@code String} (and {@code Object}/{@code CharSequence}, which receive the text),
 * every primitive type and its wrapper, {@link BigDecimal}, {@link BigInteger} and enums.
 * Numbers and booleans ignore surrounding whitespace; {@code char} takes exactly one character.
 * Numbers are decimal ({@code 12}, {@code -3.5}, {@code 1e3}); Java type suffixes such as
 * {@code 1L} or {@code 2.0f} are rejected. Booleans are {@code true} or {@code false} in any case,
 * nothing else. Enums match the constant name exactly, else ignoring case if that is unambiguous.
 * Project-specific types need a {@link dev.stepwise.api.spi.ParameterConverter}.
 */
public final class StandardConversions {

    private StandardConversions() {
    }

    /**
     * @param type a parameter type
     * @return whether {@link #convert(String, Class)} handles it
     */
    public static boolean supports(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return type == String.class || type == Object.class || type == CharSequence.class
                || type.isEnum() || type == BigDecimal.class || type == BigInteger.class
                || (type.isPrimitive() && type != void.class) || type == Integer.class || type == Long.class
                || type == Short.class || type == Byte.class || type == Double.class || type == Float.class
                || type == Boolean.class || type == Character.class;
    }

    /**
     * Converts parameter text to {@code type}.
     *
     * @param value the text from the spec
     * @param type the target type
     * @return the converted value; a wrapper for a primitive type, never {@code null}
     * @throws ConversionException naming the value and type if the text is not valid for the
     *     type or the type is not supported
     * @throws NullPointerException if an argument is {@code null}
     */
    public static Object convert(String value, Class<?> type) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
        if (type == String.class || type == Object.class || type == CharSequence.class) {
            return value;
        }
        if (type == char.class || type == Character.class) {
            if (value.length() != 1) {
                throw new ConversionException(value, type, "expected exactly one character but got "
                        + value.length(), null);
            }
            return value.charAt(0);
        }
        String text = value.strip();
        if (type == boolean.class || type == Boolean.class) {
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new ConversionException(value, type, "expected true or false", null);
        }
        if (type.isEnum()) {
            return toEnum(value, text, type);
        }
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(integerText(value, text, type));
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(integerText(value, text, type));
            }
            if (type == short.class || type == Short.class) {
                return Short.parseShort(integerText(value, text, type));
            }
            if (type == byte.class || type == Byte.class) {
                return Byte.parseByte(integerText(value, text, type));
            }
            if (type == double.class || type == Double.class) {
                return Double.parseDouble(decimalText(value, text, type));
            }
            if (type == float.class || type == Float.class) {
                return Float.parseFloat(decimalText(value, text, type));
            }
            if (type == BigDecimal.class) {
                return new BigDecimal(text);
            }
            if (type == BigInteger.class) {
                return new BigInteger(integerText(value, text, type));
            }
        } catch (NumberFormatException e) {
            throw new ConversionException(value, type, "not a valid " + type.getSimpleName() + rangeOf(type), e);
        }
        throw new ConversionException(value, type, "no built-in conversion to this type;"
                + " register a dev.stepwise.api.spi.ParameterConverter for it", null);
    }

    /** Rejects forms that parse but are surprising in a spec, so the message points at the value. */
    private static String integerText(String value, String text, Class<?> type) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean sign = i == 0 && (c == '-' || c == '+') && text.length() > 1;
            if (!sign && (c < '0' || c > '9')) {
                throw new ConversionException(value, type, "not a valid " + type.getSimpleName()
                        + " (digits with an optional sign)" + rangeOf(type), null);
            }
        }
        return text;
    }

    private static String decimalText(String value, String text, Class<?> type) {
        if (text.isEmpty() || !text.matches("[+-]?(NaN|Infinity|(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)")) {
            throw new ConversionException(value, type, "not a valid " + type.getSimpleName()
                    + " (a decimal number such as 12, -3.5 or 1e3)", null);
        }
        return text;
    }

    private static String rangeOf(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return " in range " + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return " in range " + Long.MIN_VALUE + ".." + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return " in range " + Short.MIN_VALUE + ".." + Short.MAX_VALUE;
        }
        if (type == byte.class || type == Byte.class) {
            return " in range " + Byte.MIN_VALUE + ".." + Byte.MAX_VALUE;
        }
        return "";
    }

    private static Object toEnum(String value, String text, Class<?> type) {
        Object[] constants = type.getEnumConstants();
        List<String> names = new ArrayList<>();
        for (Object c : constants) {
            Enum<?> e = (Enum<?>) c;
            if (e.name().equals(text)) {
                return e;
            }
            names.add(e.name());
        }
        Object match = null;
        for (Object c : constants) {
            Enum<?> e = (Enum<?>) c;
            if (e.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                if (match != null) {
                    throw new ConversionException(value, type, "ambiguous ignoring case; use one of " + names, null);
                }
                match = e;
            }
        }
        if (match == null) {
            throw new ConversionException(value, type, "expected one of " + names, null);
        }
        return match;
    }
}
