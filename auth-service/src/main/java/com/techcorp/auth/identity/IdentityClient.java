package com.techcorp.auth.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.keys.KeyRing;
import com.techcorp.auth.token.AccessTokenClaims;
import com.techcorp.auth.token.AccessTokenMinter;
import com.techcorp.auth.token.IssuedToken;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Asks the identity-service whether a username and password are right. The call carries a short-lived
 * token the auth-service mints for itself (scope {@code identity:verify}), so the identity-service is
 * a resource server like any other. A slow or absent identity-service fails fast (1 s timeout, then
 * an open circuit) and the grant answers 503; wrong credentials are an empty result, not a failure,
 * so they never open the circuit.
 */
@ApplicationScoped
public class IdentityClient {

    static final String SELF = "auth-service";
    private static final OAuthException UNAVAILABLE =
            OAuthError.TEMPORARILY_UNAVAILABLE.exception("the identity service is unavailable, retry later");
    private static final Duration SELF_TOKEN_LIFETIME = Duration.ofMinutes(5);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

    private static final Set<String> VERIFY_SCOPE = Set.of("identity:verify");

    private final IdentityApi api;
    private final AccessTokenMinter minter;
    private final KeyRing keys;
    private volatile IssuedToken selfToken;
    private final Cache<String, UserStatus> userStatus;
    private final Duration userCheckInterval;

    /** The identity-service's last answer about a user, and when it was given. */
    private record UserStatus(SubjectStatus status, Instant checkedAt) {
    }

    public IdentityClient(@RestClient IdentityApi api, AccessTokenMinter minter, KeyRing keys, AuthConfig config) {
        this.keys = keys;
        this.api = api;
        this.minter = minter;
        this.userCheckInterval = config.refreshTokens().userCheckInterval();
        this.userStatus = Caffeine.newBuilder().expireAfterWrite(config.refreshTokens().userStatusLastKnownGood())
                .maximumSize(100_000).build();
    }

    /** The identity-service's longest username: a longer one names nobody, and is answered without asking it. */
    public static final int MAX_USERNAME = 64;
    /** The identity-service's longest password (its identity.passwords.max-length): longer is just wrong. */
    public static final int MAX_PASSWORD = 256;

    /**
     * The identity-service is up but every hashing thread is taken: a 503 with its Retry-After for
     * this login, and not a failure of the service, so it never opens the circuit breaker.
     */
    public static final class Busy extends OAuthException {
        Busy(long retryAfterSeconds) {
            super(OAuthError.TEMPORARILY_UNAVAILABLE, "signing in is busy, retry shortly", retryAfterSeconds);
        }
    }

    /**
     * Only an identity-service that does not answer, answers 5xx, or refuses our own token counts
     * toward the breaker, which opens when half of the last 20 checks failed (a dead service fills
     * that in a moment, a busy one's rare slow answer does not) and lets one check through half a
     * second later, so logins are back within a second of the identity-service answering again. Wrong credentials are an empty result; its other 4xx answers (a request it
     * found malformed) are refused credentials too, never an outage; busy is {@link Busy}.
     */
    @Timeout(1000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 500, successThreshold = 1, skipOn = Busy.class)
    public Uni<Optional<VerifiedUser>> verify(String username, String password, String clientAddress) {
        return api.verify("Bearer " + selfToken(), new Credentials(username, password, clientAddress))
                .map(Optional::of)
                .onFailure(WebApplicationException.class).recoverWithUni(e -> {
                    Response response = ((WebApplicationException) e).getResponse();
                    int status = response.getStatus();
                    if (status == 503 || status == 429) {
                        return Uni.createFrom().failure(new Busy(retryAfter(response)));
                    }
                    if (status == 401 || status == 403) {
                        // The identity-service does not accept our token (issuer, audience or JWKS
                        // misconfigured, or its key was withdrawn a moment ago). Not the user's
                        // fault: a 503, loudly in the log, and a new token for the next call.
                        selfToken = null;
                        Log.errorf("identity-service refused the verification call with HTTP %d", status);
                        return Uni.createFrom().failure(UNAVAILABLE);
                    }
                    if (status >= 500) {
                        Log.warnf("identity-service answered a verification with HTTP %d", status);
                        return Uni.createFrom().failure(UNAVAILABLE);
                    }
                    if (status != 400) {
                        Log.warnf("identity-service refused a verification request with HTTP %d; answered as wrong credentials", status);
                    }
                    return Uni.createFrom().item(Optional.empty());
                });
    }

    private static long retryAfter(Response response) {
        try {
            return Math.max(1, Long.parseLong(String.valueOf(response.getHeaderString("Retry-After")).trim()));
        } catch (NumberFormatException absent) {
            return 1;
        }
    }

    /**
     * Whether the user may still hold tokens, asked at most once per {@code auth.refresh-tokens.user-check-interval}
     * per user and replica. If the identity-service cannot answer, its last answer stands for up to
     * {@code user-status-last-known-good} (a user it said was disabled stays refused through the
     * outage), and a user not asked about within that time counts as active: refreshes keep working
     * while it is down, and a user disabled meanwhile is refused at the first refresh after it returns.
     */
    public Uni<Boolean> isActive(String subject) {
        return status(subject).map(SubjectStatus::active);
    }

    /**
     * What the identity-service says of the user (active, and if so their username, name and
     * groups now), on the terms of {@link #isActive}; when it cannot answer and has not answered
     * about this user lately, an active user of whom nothing more is known.
     */
    public Uni<SubjectStatus> status(String subject) {
        UserStatus known = userStatus.getIfPresent(subject);
        if (known != null && Instant.now().isBefore(known.checkedAt().plus(userCheckInterval))) {
            return Uni.createFrom().item(known.status());
        }
        return api.status("Bearer " + selfToken(), subject)
                .ifNoItem().after(Duration.ofSeconds(1)).fail()
                .invoke(status -> userStatus.put(subject, new UserStatus(status, Instant.now())))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("could not ask the identity-service about a user (%s); %s", e.getClass().getSimpleName(),
                            known == null ? "not asked recently, taken as active" : "its last answer stands");
                    return known == null ? SubjectStatus.unknown(subject) : known.status();
                });
    }

    /**
     * The first call to the identity-service pays for a connection, a first token and cold code;
     * it exceeded the 1 s timeout, so the first login after every start was a 503. Made at start,
     * in the background; the service is ready once it has answered or failed (at most
     * {@link #WARM_UP_LIMIT}: an identity-service that is away does not keep the auth-service from
     * being ready, client credentials need nothing of it).
     */
    void warmUp(@Observes StartupEvent event) {
        Uni.createFrom().deferred(() -> api.status("Bearer " + selfToken(), "00000000-0000-0000-0000-000000000000"))
                .ifNoItem().after(WARM_UP_LIMIT).fail()
                .onTermination().invoke(() -> warmedUp = true)
                .subscribe().with(ignored -> Log.debug("identity-service client warmed up"),
                        e -> Log.infof("identity-service not reachable at start (%s); the first login pays for the connection",
                                e.getClass().getSimpleName()));
    }

    static final Duration WARM_UP_LIMIT = Duration.ofSeconds(5);
    private volatile boolean warmedUp;

    /** Whether the start-up call to the identity-service has ended, either way. */
    public boolean warmedUp() {
        return warmedUp;
    }

    /** One token per few minutes, not one per login. */
    private String selfToken() {
        IssuedToken token = selfToken;
        Instant now = Instant.now();
        // A new signing key (rotation, or a withdrawal: then the old token is refused everywhere) means a new token.
        if (token == null || now.isAfter(token.expiresAt().minus(RENEW_BEFORE)) || !token.kid().equals(keys.signingKey(now).kid())) {
            token = minter.mint(AccessTokenClaims.forClient(SELF, VERIFY_SCOPE, SELF_TOKEN_LIFETIME));
            selfToken = token;
        }
        return token.value();
    }
}
