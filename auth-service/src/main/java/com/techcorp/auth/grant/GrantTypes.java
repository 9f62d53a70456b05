package com.techcorp.auth.grant;

import java.util.Set;
import java.util.TreeSet;

/** The grant types a client may be registered for, by name (RFC 6749 §4, the registry's names): the one list. */
public final class GrantTypes {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String PASSWORD = "password";
    public static final String REFRESH_TOKEN = "refresh_token";
    public static final String AUTHORIZATION_CODE = "authorization_code";
    /** RFC 6749 §4.2: served by the authorization endpoint alone, so no {@link GrantHandler} names it. Opt-in, legacy. */
    public static final String IMPLICIT = "implicit";

    private GrantTypes() {
    }

    /** One per token-endpoint grant, and implicit. */
    public static Set<String> supported(Iterable<GrantHandler> handlers) {
        Set<String> names = new TreeSet<>();
        handlers.forEach(handler -> names.add(handler.grantType()));
        names.add(IMPLICIT);
        return names;
    }
}
