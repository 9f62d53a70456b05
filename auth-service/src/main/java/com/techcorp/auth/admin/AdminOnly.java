package com.techcorp.auth.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks resource classes that need an access token with one of these scopes ({@code auth:admin}
 * unless said otherwise); see {@link AdminTokenFilter}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AdminOnly {
    String[] value() default {AdminTokenFilter.ADMIN_SCOPE};
}
