package com.techcorp.oauth.tokenvalidation;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What SmallRye JWT does not check by itself: the token is an access token in the RFC 9068 profile
 * ({@code typ: at+jwt}, §4: "Resource servers MUST verify that the typ header value is at+jwt"),
 * so an ID token or any other JWT signed by the same key is refused. Issuer, audience, expiry and
 * the allowed algorithm are SmallRye JWT's configuration (META-INF/microprofile-config.properties).
 */
@ApplicationScoped
public class AccessTokenProfile implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && !isAccessToken(jwt.getRawToken())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not an RFC 9068 access token"));
        }
        return Uni.createFrom().item(identity);
    }

    static boolean isAccessToken(String raw) {
        if (raw == null) {
            return false;
        }
        int dot = raw.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(raw.substring(0, dot)), StandardCharsets.UTF_8);
            Object typ = JsonUtil.parseJson(header).get("typ");
            return "at+jwt".equalsIgnoreCase(String.valueOf(typ)) || "application/at+jwt".equalsIgnoreCase(String.valueOf(typ));
        } catch (IllegalArgumentException | JoseException e) {
            return false;
        }
    }
}
