package com.techcorp.auth.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.grant.refresh.RefreshTokenStore;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.support.RandomTokens;
import com.techcorp.auth.support.Sha256;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.quarkus.redis.datasource.keys.ReactiveKeyCommands;
import io.quarkus.redis.datasource.set.ReactiveSetCommands;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sign-on sessions in Redis. The cookie is {@code sid.secret}: the session is found by its public
 * id and accepted only with the secret, compared by hash in constant time. A session lives
 * {@code auth.sessions.idle-timeout} past its last use and never past
 * {@code auth.sessions.absolute-timeout} after its sign-in. Each user's sessions are indexed (the
 * admin API lists and ends them); each session remembers the grants issued through it, so that
 * ending it (logout, the user disabled) revokes their refresh tokens and access tokens too.
 */
@ApplicationScoped
public class SignOnSessions {

    /** Created: the session and the cookie value that is its only key (never stored, never logged). */
    public record Created(SignOnSession session, String cookieValue) {
    }

    private static final Pattern SID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern COOKIE = Pattern.compile("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    /** Session ids a user's index holds before the ones that ended are pruned. */
    private static final int MAX_INDEXED = 32;
    /** A session-bound grant is kept this long past its access tokens' lifetime to be revoked at logout. */
    private static final Duration GRANT_MEMORY = Duration.ofDays(30);

    /**
     * KEYS: the session, its grants (one slot: the sid is their hash tag). ARGV: "grant lifetime",
     * ttl seconds. Only while the session lives: a grant issued as it ends is not recorded for a
     * session nobody will end again (0), and the caller revokes it. The set lives as long as its
     * longest grant.
     */
    private static final String REMEMBER_GRANT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('SADD', KEYS[2], ARGV[1])
            if redis.call('TTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
            return 1
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ReactiveSetCommands<String, String> sets;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ReactiveKeyCommands<String> keys;
    private final RefreshTokenStore refreshTokens;
    private final Revocations revocations;
    private final IdentityClient identity;
    private final ObjectMapper json;
    private final String prefix;
    private final Duration idle;
    private final Duration absolute;

    public SignOnSessions(ReactiveRedisDataSource redis, RefreshTokenStore refreshTokens, Revocations revocations,
                          IdentityClient identity, ObjectMapper json, AuthConfig config) {
        this.identity = identity;
        this.redis = redis;
        this.values = redis.value(String.class);
        this.sets = redis.set(String.class);
        this.hashes = redis.hash(String.class);
        this.keys = redis.key();
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.json = json;
        this.prefix = config.redis().keyPrefix() + "sso:";
        this.idle = config.sessions().idleTimeout();
        this.absolute = config.sessions().absoluteTimeout();
    }

    public Uni<Created> create(String subject, String username, List<String> groups, long authTime, String device, String address) {
        String sid = RandomTokens.base64url(RandomTokens.bytes(16));
        String secret = RandomTokens.of32Bytes();
        long expiresAt = Instant.now().plus(absolute).getEpochSecond();
        SignOnSession session = new SignOnSession(sid, Sha256.hex(secret), subject, username, List.copyOf(groups), authTime, expiresAt,
                device, address);
        return values.set(sessionKey(sid), write(session), new SetArgs().ex(idle))
                .chain(() -> sets.sadd(userKey(subject), sid))
                .chain(() -> keys.expire(userKey(subject), absolute))
                .chain(() -> sets.scard(userKey(subject)))
                // The index keeps ids of sessions that timed out until listed: a user who signs in often gets it pruned.
                .call(size -> size > MAX_INDEXED ? of(subject) : Uni.createFrom().voidItem())
                .replaceWith(new Created(session, sid + "." + secret));
    }

    /** The session the cookie names, if it is live and the cookie holds its secret; its idle deadline moves on. */
    public Uni<Optional<SignOnSession>> find(String cookieValue) {
        if (cookieValue == null || !COOKIE.matcher(cookieValue).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        String sid = cookieValue.substring(0, 22);
        String secretHash = Sha256.hex(cookieValue.substring(23));
        return bySid(sid).flatMap(found -> {
            if (found.isEmpty() || !MessageDigest.isEqual(found.get().secretHash().getBytes(StandardCharsets.US_ASCII),
                    secretHash.getBytes(StandardCharsets.US_ASCII))) {
                return Uni.createFrom().item(Optional.<SignOnSession>empty());
            }
            long left = found.get().expiresAt() - Instant.now().getEpochSecond();
            return keys.expire(sessionKey(sid), Math.max(1, Math.min(idle.toSeconds(), left))).replaceWith(found);
        });
    }

    /**
     * The cookie's session if its user may still sign in: a user the identity-service has disabled
     * loses the session here, even before its revocation call arrives; an active one is taken with
     * the username and groups the identity-service gives now (a user who left a group does not
     * keep its scopes through the session).
     */
    public Uni<Optional<SignOnSession>> findActive(String cookieValue) {
        return find(cookieValue).flatMap(found -> found.isEmpty() ? Uni.createFrom().item(found)
                : identity.status(found.get().subject()).flatMap(status -> status.active()
                ? Uni.createFrom().item(Optional.of(found.get().as(status)))
                : end(found.get().sid()).replaceWith(Optional.<SignOnSession>empty())));
    }

    /**
     * The user signed in again in this session (prompt=login, max_age): its auth_time moves, what
     * the identity-service said of the user now replaces what it said before, its deadlines stay,
     * and the cookie gets a new secret (a cookie stolen before does not gain the new sign-in). Empty
     * if the session ended meanwhile.
     */
    public Uni<Optional<Created>> reauthenticated(SignOnSession session, String username, List<String> groups, long authTime) {
        String secret = RandomTokens.of32Bytes();
        SignOnSession renewed = new SignOnSession(session.sid(), Sha256.hex(secret), session.subject(), username,
                List.copyOf(groups), authTime, session.expiresAt(), session.device(), session.address());
        return values.setGet(sessionKey(session.sid()), write(renewed), new SetArgs().xx().keepttl())
                .map(previous -> previous == null ? Optional.<Created>empty()
                        : Optional.of(new Created(renewed, session.sid() + "." + secret)));
    }

    /** The live session of this id, whoever asks (the admin API, an ID token's sid). */
    public Uni<Optional<SignOnSession>> bySid(String sid) {
        if (sid == null || !SID.matcher(sid).matches()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return values.get(sessionKey(sid)).map(this::read).map(s -> s.filter(live -> !live.endedAt(Instant.now())));
    }

    /** The user's live sessions, newest sign-in first; ids of ended ones leave the index. */
    public Uni<List<SignOnSession>> of(String subject) {
        return sets.smembers(userKey(subject)).onItem().transformToMulti(sids -> Multi.createFrom().iterable(sids))
                .onItem().transformToUniAndConcatenate(sid -> bySid(sid).flatMap(found -> found.isPresent()
                        ? Uni.createFrom().item(found)
                        : sets.srem(userKey(subject), sid).replaceWith(found)))
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList()
                .map(list -> list.stream().sorted(Comparator.comparingLong(SignOnSession::authTime).reversed()).toList());
    }

    /**
     * Ends the session and revokes every grant issued through it (their refresh tokens at once,
     * their access tokens here and at the resource servers). The grants go even when the session
     * itself had already timed out. True if a live session ended.
     */
    public Uni<Boolean> end(String sid) {
        return end(sid, true);
    }

    /** @param accessTokensToo false where the caller revokes the user's access tokens as a whole already */
    private Uni<Boolean> end(String sid, boolean accessTokensToo) {
        if (sid == null || !SID.matcher(sid).matches()) {
            return Uni.createFrom().item(false);
        }
        return values.getdel(sessionKey(sid)).map(this::read)
                .flatMap(ended -> (ended.isPresent() ? sets.srem(userKey(ended.get().subject()), sid).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                        .chain(() -> revokeGrants(sid, accessTokensToo))
                        .chain(() -> keys.del(consentKey(sid)))
                        .replaceWith(ended.isPresent()))
                .invoke(ended -> Log.infof("sign-on session %s ended", sid));
    }

    /**
     * Ends every session of the user: signed out everywhere, or disabled. The number ended.
     *
     * @param accessTokensToo false where the caller has revoked every access token of the user already
     *                        (one event to the resource servers, not one per grant)
     */
    public Uni<Integer> endAll(String subject, boolean accessTokensToo) {
        return sets.smembers(userKey(subject)).onItem().transformToMulti(sids -> Multi.createFrom().iterable(sids))
                .onItem().transformToUniAndConcatenate(sid -> end(sid, accessTokensToo).call(() -> sets.srem(userKey(subject), sid)))
                .collect().asList()
                .map(ended -> (int) ended.stream().filter(Boolean::booleanValue).count());
    }

    /**
     * Remembers a grant issued through the session, to revoke it when the session ends; false if
     * the session has ended (signed out, disabled) meanwhile, and the grant must not be handed out.
     */
    public Uni<Boolean> rememberGrant(String sid, String grantId, Duration accessTokenLifetime, Duration grantLifetime) {
        long ttl = grantLifetime.plus(GRANT_MEMORY).toSeconds();
        return redis.execute("EVAL", REMEMBER_GRANT, "2", sessionKey(sid), grantsKey(sid), grantId + " " + accessTokenLifetime.toSeconds(),
                Long.toString(ttl)).map(r -> r.toInteger() == 1);
    }

    /** Remembers that the user allowed the client these scopes, for as long as the session lasts. */
    public Uni<Void> consent(String sid, String clientId, Set<String> scopes) {
        return hashes.hset(consentKey(sid), clientId, String.join(" ", scopes))
                .chain(() -> keys.expire(consentKey(sid), absolute)).replaceWithVoid();
    }

    /** Whether the user allowed the client at least these scopes within this session. */
    public Uni<Boolean> consented(String sid, String clientId, Set<String> scopes) {
        return hashes.hget(consentKey(sid), clientId)
                .map(allowed -> allowed != null && Set.of(allowed.split(" ")).containsAll(scopes));
    }

    private Uni<Void> revokeGrants(String sid, boolean accessTokensToo) {
        return sets.smembers(grantsKey(sid)).onItem().transformToMulti(grants -> Multi.createFrom().iterable(grants))
                .onItem().transformToUniAndConcatenate(entry -> {
                    String[] parts = entry.split(" ");
                    Instant until = Instant.now().plusSeconds(Long.parseLong(parts[1]));
                    Uni<Boolean> refresh = refreshTokens.revokeFamilyById(parts[0]);
                    return accessTokensToo ? refresh.chain(() -> revocations.grant(parts[0], until)) : refresh.replaceWithVoid();
                })
                .collect().asList()
                .chain(() -> keys.del(grantsKey(sid))).replaceWithVoid();
    }

    /** A session's keys share its sid as hash tag (one Redis Cluster slot): the grant script reads two of them. */
    private String sessionKey(String sid) {
        return prefix + "{" + sid + "}:s";
    }

    private String grantsKey(String sid) {
        return prefix + "{" + sid + "}:g";
    }

    private String consentKey(String sid) {
        return prefix + "{" + sid + "}:c";
    }

    private String userKey(String subject) {
        return prefix + "u:" + subject;
    }

    private String write(SignOnSession session) {
        try {
            return json.writeValueAsString(session);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a session is plain data", e);
        }
    }

    private Optional<SignOnSession> read(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored, SignOnSession.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a session could not be read", e);
        }
    }
}
