package com.techcorp.auth.grant.refresh;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.support.RandomTokens;
import com.techcorp.auth.support.ReplicatedWrites;
import com.techcorp.auth.support.Sha256;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Refresh tokens in Redis. A token is 16 bytes of family id and 32 random bytes, base64url; Redis
 * keeps only its SHA-256, under a key tagged with the family ({@code rt:{family}:hash}) so that a
 * family stays in one Redis Cluster slot and one script can touch all of it.
 *
 * <p>Every use rotates the token in one Lua script (one round trip, atomic): of many concurrent uses
 * exactly one wins. A rotated token stays, marked used, until it would have expired; presenting it
 * again revokes the whole family (RFC 9700 §4.14.2).
 */
@ApplicationScoped
public class RefreshTokenStore {

    /** The outcome of presenting a refresh token. */
    public enum Outcome { ROTATED, UNKNOWN, WRONG_CLIENT, REUSED }

    public record Rotation(Outcome outcome, RefreshTokenData data, String newToken) {
    }

    private static final int FAMILY_BYTES = 16;
    private static final int SECRET_BYTES = 32;

    /** KEYS: token, family set. ARGV: fam, cid, sub, usr, grp, scp, aexp, ttl, hash. */
    private static final String ISSUE = """
            redis.call('HSET', KEYS[1], 'fam', ARGV[1], 'cid', ARGV[2], 'sub', ARGV[3], 'usr', ARGV[4],
                       'grp', ARGV[5], 'scp', ARGV[6], 'aexp', ARGV[7], 'used', '0')
            redis.call('EXPIRE', KEYS[1], ARGV[8])
            redis.call('SADD', KEYS[2], ARGV[9])
            redis.call('EXPIREAT', KEYS[2], ARGV[7])
            return 1
            """;

    /**
     * KEYS: old token, new token, family set. ARGV: client id, now, idle seconds, new hash, key
     * prefix of the family's tokens, old hash. A rotated token's record is deleted; its hash stays
     * in the family's set, which is how a reuse is recognised: an unknown token whose hash is in
     * its family's set was rotated before (a token marked 'used' is one rotated before this
     * layout). Keeping the whole record until the idle timeout cost ~570 bytes per rotation, for
     * 14 days (bench/redis-capacity.sh); a set member costs ~90.
     */
    private static final String ROTATE = """
            local t = redis.call('HGETALL', KEYS[1])
            if #t == 0 then
              if redis.call('SISMEMBER', KEYS[3], ARGV[6]) == 0 then return {'unknown'} end
              for _, h in ipairs(redis.call('SMEMBERS', KEYS[3])) do redis.call('DEL', ARGV[5] .. h) end
              redis.call('DEL', KEYS[3])
              return {'reused'}
            end
            local d = {}
            for i = 1, #t, 2 do d[t[i]] = t[i + 1] end
            if d['cid'] ~= ARGV[1] then return {'wrong_client'} end
            if d['used'] == '1' then
              for _, h in ipairs(redis.call('SMEMBERS', KEYS[3])) do redis.call('DEL', ARGV[5] .. h) end
              redis.call('DEL', KEYS[3])
              return {'reused'}
            end
            local now = tonumber(ARGV[2])
            local aexp = tonumber(d['aexp'])
            if now >= aexp then return {'unknown'} end
            redis.call('DEL', KEYS[1])
            redis.call('HSET', KEYS[2], 'fam', d['fam'], 'cid', d['cid'], 'sub', d['sub'], 'usr', d['usr'],
                       'grp', d['grp'], 'scp', d['scp'], 'aexp', d['aexp'], 'used', '0')
            redis.call('EXPIRE', KEYS[2], math.min(aexp - now, tonumber(ARGV[3])))
            redis.call('SADD', KEYS[3], ARGV[4])
            return {'rotated', d['fam'], d['cid'], d['sub'], d['usr'], d['grp'], d['scp'], d['aexp']}
            """;

    /**
     * A rotation the replicas did not confirm, taken back while nobody has the new token: KEYS old
     * token, new token, family set; ARGV the new token's hash. The new record, which holds the
     * same grant, becomes the old token's again, unless the family went meanwhile.
     */
    private static final String UNDO_ROTATE = """
            if redis.call('HGET', KEYS[2], 'used') ~= '0' then return 0 end
            redis.call('RENAME', KEYS[2], KEYS[1])
            redis.call('SREM', KEYS[3], ARGV[1])
            return 1
            """;

    /** KEYS: family set. ARGV: key prefix of the family's tokens. */
    private static final String REVOKE_FAMILY = """
            for _, h in ipairs(redis.call('SMEMBERS', KEYS[1])) do redis.call('DEL', ARGV[1] .. h) end
            return redis.call('DEL', KEYS[1])
            """;

    /** KEYS: token, family set. ARGV: client id, key prefix of the family's tokens. */
    private static final String REVOKE = """
            local cid = redis.call('HGET', KEYS[1], 'cid')
            if not cid or cid ~= ARGV[1] then return 0 end
            for _, h in ipairs(redis.call('SMEMBERS', KEYS[2])) do redis.call('DEL', ARGV[2] .. h) end
            redis.call('DEL', KEYS[2])
            return 1
            """;

    private final ReactiveRedisDataSource redis;
    private final ReplicatedWrites replicated;
    private final String prefix;
    private final Duration idleTimeout;

    public RefreshTokenStore(ReactiveRedisDataSource redis, ReplicatedWrites replicated, AuthConfig config) {
        this.redis = redis;
        this.replicated = replicated;
        this.prefix = config.redis().keyPrefix();
        this.idleTimeout = config.refreshTokens().idleTimeout();
    }

    /** The id of a new family: the grant id its access tokens carry from the first one on. */
    public static String newFamily() {
        return RandomTokens.base64url(RandomTokens.bytes(FAMILY_BYTES));
    }

    /** Starts the family {@code fam} (from {@link #newFamily()}) and returns its first token. */
    public Uni<String> issue(String fam, String clientId, String subject, String username, List<String> groups, String scope,
                             Duration lifetime) {
        String token = token(Base64.getUrlDecoder().decode(fam));
        long now = Instant.now().getEpochSecond();
        long aexp = now + lifetime.toSeconds();
        long ttl = Math.min(lifetime.toSeconds(), idleTimeout.toSeconds());
        return eval(ISSUE, List.of(tokenKey(fam, hash(token)), familyKey(fam)),
                fam, clientId, subject, nullToEmpty(username), String.join(" ", groups), scope,
                Long.toString(aexp), Long.toString(ttl), hash(token))
                .replaceWith(token);
    }

    /**
     * Rotates {@code token} if it is live and {@code clientId}'s; see {@link Outcome}. A rotation
     * the replicas do not confirm (see {@link ReplicatedWrites}) is undone and fails with
     * {@link ReplicatedWrites.NotConfirmed}: the client keeps its token and may retry.
     */
    public Uni<Rotation> rotate(String token, String clientId) {
        Optional<String> fam = family(token);
        if (fam.isEmpty()) {
            return Uni.createFrom().item(new Rotation(Outcome.UNKNOWN, null, null));
        }
        String newToken = token(Base64.getUrlDecoder().decode(fam.get()));
        List<String> keys = List.of(tokenKey(fam.get(), hash(token)), tokenKey(fam.get(), hash(newToken)), familyKey(fam.get()));
        return replicated.evalConfirmed(ROTATE, keys, List.of(clientId, Long.toString(Instant.now().getEpochSecond()),
                        Long.toString(idleTimeout.toSeconds()), hash(newToken), tokenKeyPrefix(fam.get()), hash(token)),
                        r -> "rotated".equals(r.get(0).toString()), UNDO_ROTATE, List.of(hash(newToken)))
                .map(r -> switch (r.get(0).toString()) {
                    case "rotated" -> new Rotation(Outcome.ROTATED, data(r), newToken);
                    case "wrong_client" -> new Rotation(Outcome.WRONG_CLIENT, null, null);
                    case "reused" -> new Rotation(Outcome.REUSED, null, null);
                    default -> new Rotation(Outcome.UNKNOWN, null, null);
                });
    }

    /** The live (unused, unexpired) token's data, without touching it. */
    public Uni<Optional<RefreshTokenData>> find(String token) {
        Optional<String> fam = family(token);
        if (fam.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return redis.hash(String.class).hgetall(tokenKey(fam.get(), hash(token))).map(d -> {
            if (d.isEmpty() || "1".equals(d.get("used"))
                    || Instant.now().getEpochSecond() >= Long.parseLong(d.get("aexp"))) {
                return Optional.empty();
            }
            return Optional.of(new RefreshTokenData(d.get("fam"), d.get("cid"), d.get("sub"), emptyToNull(d.get("usr")),
                    groups(d.get("grp")), d.get("scp"), Instant.ofEpochSecond(Long.parseLong(d.get("aexp")))));
        });
    }

    /** Revokes the token's whole family if the token is {@code clientId}'s (RFC 7009 §2.1); else nothing. */
    public Uni<Boolean> revokeFamily(String token, String clientId) {
        Optional<String> fam = family(token);
        if (fam.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return eval(REVOKE, List.of(tokenKey(fam.get(), hash(token)), familyKey(fam.get())), clientId, tokenKeyPrefix(fam.get()))
                .map(r -> r.toInteger() == 1);
    }

    /**
     * Revokes a whole family by its id, whoever holds it: for an authorization code redeemed twice,
     * whose tokens must all go (RFC 6749 §4.1.2).
     */
    public Uni<Boolean> revokeFamilyById(String family) {
        return eval(REVOKE_FAMILY, List.of(familyKey(family)), tokenKeyPrefix(family)).map(r -> r.toInteger() == 1);
    }

    private Uni<Response> eval(String script, List<String> keys, String... args) {
        List<String> command = new ArrayList<>();
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(Arrays.asList(args));
        return redis.execute("EVAL", command.toArray(String[]::new));
    }

    private static RefreshTokenData data(Response r) {
        return new RefreshTokenData(r.get(1).toString(), r.get(2).toString(), r.get(3).toString(),
                emptyToNull(r.get(4).toString()), groups(r.get(5).toString()), r.get(6).toString(),
                Instant.ofEpochSecond(Long.parseLong(r.get(7).toString())));
    }

    /** The family a well-formed token names; empty for anything else (garbage, access tokens). */
    public static Optional<String> family(String token) {
        if (token == null || token.length() != 64) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token);
            return raw.length == FAMILY_BYTES + SECRET_BYTES
                    ? Optional.of(RandomTokens.base64url(Arrays.copyOf(raw, FAMILY_BYTES))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String tokenKey(String fam, String hash) {
        return tokenKeyPrefix(fam) + hash;
    }

    private String tokenKeyPrefix(String fam) {
        return prefix + "rt:{" + fam + "}:";
    }

    private String familyKey(String fam) {
        return prefix + "rtf:{" + fam + "}";
    }

    private static String token(byte[] family) {
        byte[] raw = new byte[FAMILY_BYTES + SECRET_BYTES];
        System.arraycopy(family, 0, raw, 0, FAMILY_BYTES);
        byte[] secret = RandomTokens.bytes(SECRET_BYTES);
        System.arraycopy(secret, 0, raw, FAMILY_BYTES, SECRET_BYTES);
        return RandomTokens.base64url(raw);
    }

    static String hash(String token) {
        return Sha256.hex(token);
    }

    private static List<String> groups(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split(" +"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
