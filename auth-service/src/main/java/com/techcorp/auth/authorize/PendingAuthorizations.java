package com.techcorp.auth.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.support.RandomTokens;
import com.techcorp.auth.support.Sha256;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Authorization requests waiting for the user to sign in (and consent), in Redis for
 * {@code auth.authorization.login-timeout}. Each has an unguessable id (the login form carries it),
 * a CSRF token, and the hash of the browser-binding cookie of the browser that made the request:
 * a form is accepted only with both, so another site can neither post it nor sign a victim's
 * browser in to an attacker's account (login CSRF).
 */
@ApplicationScoped
public class PendingAuthorizations {

    /**
     * A user who has signed in for this request, awaiting consent.
     *
     * @param authTime when the password was checked, epoch seconds (OpenID Connect's auth_time)
     * @param sid      the sign-on session the user is in (the ID token's sid), or null
     */
    public record SignedInUser(String subject, String username, List<String> groups, long authTime, String sid) {
    }

    public record Pending(String id, AuthorizationRequest request, String bindingHash, String csrfToken, SignedInUser user) {

        /** Whether a form post comes from the browser that started this request, through our own form. */
        public boolean postedBy(String binding, String csrf) {
            return binding != null && csrf != null
                    && MessageDigest.isEqual(bindingHash.getBytes(StandardCharsets.US_ASCII), Sha256.hex(binding).getBytes(StandardCharsets.US_ASCII))
                    && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.US_ASCII), csrf.getBytes(StandardCharsets.US_ASCII));
        }

        Pending signedIn(SignedInUser signedIn) {
            return new Pending(id, request, bindingHash, csrfToken, signedIn);
        }
    }

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper json;
    private final String prefix;
    private final Duration timeout;

    public PendingAuthorizations(ReactiveRedisDataSource redis, ObjectMapper json, AuthConfig config) {
        this.values = redis.value(String.class);
        this.json = json;
        this.prefix = config.redis().keyPrefix() + "authz:";
        this.timeout = config.authorization().loginTimeout();
    }

    public Duration timeout() {
        return timeout;
    }

    public Uni<Pending> start(AuthorizationRequest request, String binding) {
        return start(request, binding, null);
    }

    /** @param user the user already signed in (a sign-on session), who only has to consent; or null */
    public Uni<Pending> start(AuthorizationRequest request, String binding, SignedInUser user) {
        Pending pending = new Pending(RandomTokens.of32Bytes(), request, Sha256.hex(binding), RandomTokens.of32Bytes(), user);
        return values.set(key(pending.id()), write(pending), new SetArgs().ex(timeout)).replaceWith(pending);
    }

    public Uni<Optional<Pending>> find(String id) {
        if (!RandomTokens.isOf32Bytes(id)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.get(key(id)).map(this::read);
    }

    /** Stores the signed-in user, keeping the request's deadline; empty if the request expired meanwhile. */
    public Uni<Optional<Pending>> signIn(Pending pending, SignedInUser user) {
        Pending signedIn = pending.signedIn(user);
        // XX: only while it still exists (a SET on an expired key would bring it back without a deadline).
        return values.setGet(key(pending.id()), write(signedIn), new SetArgs().xx().keepttl())
                .map(previous -> previous == null ? Optional.empty() : Optional.of(signedIn));
    }

    /** Takes the request out: of two concurrent completions, one gets it. */
    public Uni<Optional<Pending>> consume(String id) {
        return values.getdel(key(id)).map(this::read);
    }

    private String key(String id) {
        return prefix + Sha256.hex(id);
    }

    private String write(Pending pending) {
        try {
            return json.writeValueAsString(pending);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pending authorization is plain data", e);
        }
    }

    private Optional<Pending> read(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, Pending.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pending authorization could not be read", e);
        }
    }
}
