package com.techcorp.oauth.tokenvalidation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs a valid access token of the auth-service carrying every one of these scopes.
 * Enforced by {@link ScopeCheck}, with RFC 6750 §3 challenges.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresScope {
    String[] value();
}
