package com.techcorp.oauth.jsonerrors;

/**
 * Whether text from outside can be stored and echoed as it is: no control characters (PostgreSQL
 * refuses NUL in text, and the rest has no place in a name or an identifier) and no unpaired
 * UTF-16 surrogate (which no UTF-8 column or JSON consumer can hold faithfully).
 */
public final class PlainText {

    private PlainText() {
    }

    public static boolean is(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F || c >= 0x80 && c <= 0x9F) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #is} and at most {@code max} characters. */
    public static boolean is(String text, int max) {
        return text.length() <= max && is(text);
    }
}
