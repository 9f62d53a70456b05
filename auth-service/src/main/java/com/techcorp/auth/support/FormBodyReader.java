package com.techcorp.auth.support;

import com.techcorp.auth.error.OAuthError;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads every form body of the service ({@code MultivaluedMap} parameters of the token,
 * revocation, introspection, sign-in and consent endpoints) with {@link UrlEncodedForm} instead
 * of the framework's reader, whose failures on a stray {@code %} or an unknown {@code charset}
 * were 500s with a stack trace per request. Replaces the built-in reader (user providers come
 * first). A form is UTF-8 (RFC 6749 Appendix B); a declared US-ASCII or ISO-8859-1 (what some HTTP
 * libraries still send) is honoured, and any other {@code charset} is refused.
 */
@Provider
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormBodyReader implements ServerMessageBodyReader<MultivaluedMap<String, String>> {

    private static final List<Charset> ACCEPTED = List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII, StandardCharsets.ISO_8859_1);

    @Override
    public boolean isReadable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo lazyMethod, MediaType mediaType) {
        return MultivaluedMap.class.equals(type);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MultivaluedMap.class.equals(type);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(Class<MultivaluedMap<String, String>> type, Type genericType,
                                                   MediaType mediaType, ServerRequestContext context) throws IOException {
        return read(mediaType, context.getInputStream());
    }

    @Override
    public MultivaluedMap<String, String> readFrom(Class<MultivaluedMap<String, String>> type, Type genericType,
                                                   Annotation[] annotations, MediaType mediaType,
                                                   jakarta.ws.rs.core.MultivaluedMap<String, String> httpHeaders,
                                                   InputStream entityStream) throws IOException {
        return read(mediaType, entityStream);
    }

    private static MultivaluedMap<String, String> read(MediaType mediaType, InputStream body) throws IOException {
        String declared = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        Charset charset = declared == null ? StandardCharsets.UTF_8 : ACCEPTED.stream()
                .filter(c -> c.name().equalsIgnoreCase(declared.trim())
                        || c.aliases().stream().anyMatch(alias -> alias.equalsIgnoreCase(declared.trim())))
                .findFirst()
                .orElseThrow(() -> OAuthError.INVALID_REQUEST.exception("a form body must be UTF-8"));
        try {
            return UrlEncodedForm.parse(body.readAllBytes(), charset);
        } catch (UrlEncodedForm.Malformed e) {
            throw OAuthError.INVALID_REQUEST.exception("malformed form body: " + e.getMessage());
        }
    }
}
