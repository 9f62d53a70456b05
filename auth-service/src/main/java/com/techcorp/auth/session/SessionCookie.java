package com.techcorp.auth.session;

import com.techcorp.auth.config.AuthConfig;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;

/**
 * The cookie that carries the sign-on session: HttpOnly (no script reads it), SameSite=Lax (no
 * other site's form or frame sends it), path /, and where the issuer is https Secure with the
 * {@code __Host-} prefix, so no sibling host can set or shadow it.
 */
@ApplicationScoped
public class SessionCookie {

    private final boolean secure;
    private final String name;
    private final int maxAge;

    public SessionCookie(AuthConfig config) {
        this.secure = config.issuer().startsWith("https:");
        this.name = secure ? "__Host-auth_session" : "auth_session";
        this.maxAge = (int) config.sessions().absoluteTimeout().toSeconds();
    }

    /** Whether the issuer is https, so that every cookie of ours is Secure. */
    public boolean secure() {
        return secure;
    }

    /** The cookie's value as the browser sent it, or null. */
    public String read(HttpServerRequest http) {
        Cookie cookie = http.getCookie(name);
        return cookie == null ? null : cookie.getValue();
    }

    public NewCookie issue(String value) {
        return builder(value).maxAge(maxAge).build();
    }

    public NewCookie clear() {
        return builder("").maxAge(0).build();
    }

    private NewCookie.Builder builder(String value) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.LAX);
    }
}
