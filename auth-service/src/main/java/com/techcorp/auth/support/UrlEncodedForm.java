package com.techcorp.auth.support;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding (WHATWG URL §5.1), for request bodies
 * and the authorization endpoint's query. The framework's decoder throws an unchecked exception on
 * a stray {@code %} (a 500) and silently turns broken UTF-8 into U+FFFD; here every malformed input
 * is a {@link Malformed} that the caller answers with 400 invalid_request:
 * <ul>
 *   <li>{@code %} not followed by two hex digits;</li>
 *   <li>bytes that are not UTF-8 once percent-decoded;</li>
 *   <li>a pair with an empty name ({@code =value});</li>
 *   <li>more than {@link #MAX_PAIRS} pairs.</li>
 * </ul>
 * Empty segments ({@code a=1&&b=2}) are skipped, as WHATWG says. What a well-formed value may hold
 * is each field's own rule, answered with that field's error (a client_id with a control character
 * is a failed client authentication, a username with one a wrong password).
 */
public final class UrlEncodedForm {

    static final int MAX_PAIRS = 100;

    /** Why a form was refused; its message is safe to send back (it never echoes the input). */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private UrlEncodedForm() {
    }

    public static MultivaluedMap<String, String> parse(byte[] body) throws Malformed {
        return parse(body, StandardCharsets.UTF_8);
    }

    /**
     * @param charset what the percent-decoded bytes are: UTF-8 (RFC 6749 Appendix B), or what the
     *                request declared (some HTTP libraries still declare ISO-8859-1)
     */
    public static MultivaluedMap<String, String> parse(byte[] body, Charset charset) throws Malformed {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        int pairs = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '&') {
                continue;
            }
            if (i > start) {
                if (++pairs > MAX_PAIRS) {
                    throw new Malformed("too many parameters");
                }
                int eq = indexOf(body, (byte) '=', start, i);
                String name = decode(body, start, eq < 0 ? i : eq, charset);
                if (name.isEmpty()) {
                    throw new Malformed("a parameter has no name");
                }
                form.add(name, eq < 0 ? "" : decode(body, eq + 1, i, charset));
            }
            start = i + 1;
        }
        return form;
    }

    public static MultivaluedMap<String, String> parse(String rawQuery) throws Malformed {
        return rawQuery == null ? new MultivaluedHashMap<>() : parse(rawQuery.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(byte[] b, int from, int to, Charset charset) throws Malformed {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to || hex(b[i + 1]) < 0 || hex(b[i + 2]) < 0) {
                    throw new Malformed("a percent sign is not followed by two hex digits");
                }
                out.write(hex(b[i + 1]) << 4 | hex(b[i + 2]));
                i += 2;
            } else {
                out.write(c);
            }
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Malformed("a parameter is not valid " + charset.name());
        }
    }

    private static int indexOf(byte[] b, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
