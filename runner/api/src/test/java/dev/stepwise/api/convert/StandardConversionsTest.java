package dev.stepwise.api.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardConversionsTest {

    enum Colour { RED, GREEN, dark_blue }

    enum Clash { Mode, MODE, mode2 }

    private static ConversionException fails(String value, Class<?> type) {
        return assertThrows(ConversionException.class, () -> StandardConversions.convert(value, type));
    }

    @Test
    void strings() {
        assertEquals(" as is ", StandardConversions.convert(" as is ", String.class));
        assertEquals("", StandardConversions.convert("", String.class));
        assertEquals("x", StandardConversions.convert("x", Object.class));
    }

    @Test
    void integers() {
        assertEquals(42, StandardConversions.convert("42", int.class));
        assertEquals(-42, StandardConversions.convert(" -42 ", Integer.class));
        assertEquals(7, StandardConversions.convert("+7", int.class));
        assertEquals(9_000_000_000L, StandardConversions.convert("9000000000", long.class));
        assertEquals((short) 5, StandardConversions.convert("5", Short.class));
        assertEquals((byte) -128, StandardConversions.convert("-128", byte.class));
        assertEquals(new BigInteger("123456789012345678901234567890"),
                StandardConversions.convert("123456789012345678901234567890", BigInteger.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.5", "1L", "0x10", "1_000", "-", "abc", "2147483648"})
    void invalidIntsNameValueAndType(String value) {
        ConversionException e = fails(value, int.class);
        assertTrue(e.getMessage().startsWith("Cannot convert '" + value + "' to int: not a valid int"), e.getMessage());
        assertEquals(value, e.value());
        assertEquals(int.class, e.targetType());
    }

    @Test
    void rangeIsReported() {
        assertTrue(fails("128", byte.class).getMessage().contains("range -128..127"));
    }

    @Test
    void decimals() {
        assertEquals(3.5, StandardConversions.convert("3.5", double.class));
        assertEquals(-0.25f, StandardConversions.convert("-.25", Float.class));
        assertEquals(1000.0, StandardConversions.convert("1e3", Double.class));
        assertEquals(Double.NaN, StandardConversions.convert("NaN", double.class));
        assertEquals(new BigDecimal("12.50"), StandardConversions.convert("12.50", BigDecimal.class));
        fails("1.0f", float.class);
        fails("2d", double.class);
        fails("0x1p3", double.class);
        fails("1,5", double.class);
        fails("one", BigDecimal.class);
    }

    @Test
    void booleansAreStrict() {
        assertEquals(true, StandardConversions.convert("TRUE", boolean.class));
        assertEquals(false, StandardConversions.convert(" False ", Boolean.class));
        assertEquals("Cannot convert 'yes' to boolean: expected true or false", fails("yes", boolean.class).getMessage());
        fails("1", Boolean.class);
        fails("", boolean.class);
    }

    @Test
    void chars() {
        assertEquals('x', StandardConversions.convert("x", char.class));
        assertEquals(' ', StandardConversions.convert(" ", Character.class));
        assertTrue(fails("xy", char.class).getMessage().contains("exactly one character but got 2"));
        fails("", Character.class);
    }

    @Test
    void enums() {
        assertSame(Colour.RED, StandardConversions.convert("RED", Colour.class));
        assertSame(Colour.GREEN, StandardConversions.convert("green", Colour.class));
        assertSame(Colour.dark_blue, StandardConversions.convert("DARK_BLUE", Colour.class));
        assertSame(Clash.MODE, StandardConversions.convert("MODE", Clash.class), "exact name wins");
        ConversionException e = fails("purple", Colour.class);
        assertTrue(e.getMessage().contains("expected one of [RED, GREEN, dark_blue]"), e.getMessage());
        assertTrue(e.getMessage().contains(Colour.class.getName()), e.getMessage());
        assertTrue(fails("mOdE", Clash.class).getMessage().contains("ambiguous"));
    }

    @Test
    void unsupportedTypeSuggestsConverter() {
        ConversionException e = fails("2024-01-01", LocalDate.class);
        assertTrue(e.getMessage().contains("ParameterConverter"), e.getMessage());
        assertFalse(StandardConversions.supports(LocalDate.class));
        assertFalse(StandardConversions.supports(void.class));
        assertTrue(StandardConversions.supports(long.class));
        assertTrue(StandardConversions.supports(Colour.class));
    }
}
