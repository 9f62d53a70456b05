package com.techcorp.auth.grant.authorizationcode;

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
import java.util.List;

/**
 * Authorization codes in Redis (RFC 6749 §4.1.2). A code is 32 random bytes, base64url; Redis keeps
 * only its SHA-256, with what the code stands for. Redemption is one Lua script: the code is checked
 * against the client, the redirect URI and the PKCE verifier and marked spent atomically, so of two
 * concurrent redemptions one wins. A spent code is kept for {@link #REPLAY_WINDOW} with the tokens
 * issued from it: presenting it again revokes them.
 */
@ApplicationScoped
public class AuthorizationCodes {

    /**
     * What a code stands for. {@code challenge} is empty when the request had no PKCE; {@code nonce}
     * (OpenID Connect) when it had none; {@code authTime} is when the user signed in, epoch seconds;
     * {@code sid} the sign-on session it was issued in, null if none.
     */
    public record CodeGrant(String clientId, String redirectUri, boolean redirectUriGiven, String scope,
                            String subject, String username, List<String> groups, String challenge, String challengeMethod,
                            String nonce, long authTime, String sid) {
    }

    public enum Outcome { REDEEMED, UNKNOWN, REUSED, WRONG_CLIENT, REDIRECT_MISMATCH, VERIFIER_MISMATCH, DOWNGRADE }

    /** The outcome; the grant when redeemed; the tokens issued from the code when it was reused. */
    public record Redemption(Outcome outcome, CodeGrant grant, String refreshFamily, String accessTokenId, long accessTokenExpiry) {
    }

    static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);

    /** KEYS: code. ARGV: cid, ruri, rgiven, scp, sub, usr, grp, cc, ccm, exp, ttl, nonce, auth_time, sid. */
    private static final String ISSUE = """
            redis.call('HSET', KEYS[1], 'cid', ARGV[1], 'ruri', ARGV[2], 'rgiven', ARGV[3], 'scp', ARGV[4],
                       'sub', ARGV[5], 'usr', ARGV[6], 'grp', ARGV[7], 'cc', ARGV[8], 'ccm', ARGV[9],
                       'exp', ARGV[10], 'used', '0', 'non', ARGV[12], 'at', ARGV[13], 'sid', ARGV[14])
            redis.call('EXPIRE', KEYS[1], ARGV[11])
            return 1
            """;

    /**
     * KEYS: code. ARGV: client id, now, redirect_uri of the token request ('' if none), S256 of the
     * verifier ('' if none), the verifier ('' if none), replay window seconds.
     */
    private static final String REDEEM = """
            local t = redis.call('HGETALL', KEYS[1])
            if #t == 0 then return {'unknown'} end
            local d = {}
            for i = 1, #t, 2 do d[t[i]] = t[i + 1] end
            if d['used'] == '1' then
              redis.call('HSET', KEYS[1], 'replayed', '1')
              return {'reused', d['fam'] or '', d['jti'] or '', d['jexp'] or '0'}
            end
            if tonumber(ARGV[2]) >= tonumber(d['exp']) then return {'unknown'} end
            if d['cid'] ~= ARGV[1] then return {'wrong_client'} end
            if (d['rgiven'] == '1' or ARGV[3] ~= '') and d['ruri'] ~= ARGV[3] then return {'redirect_mismatch'} end
            if d['cc'] == '' then
              if ARGV[5] ~= '' then return {'downgrade'} end
            else
              local presented = ARGV[5]
              if d['ccm'] == 'S256' then presented = ARGV[4] end
              if ARGV[5] == '' or presented ~= d['cc'] then return {'verifier_mismatch'} end
            end
            redis.call('HSET', KEYS[1], 'used', '1')
            redis.call('EXPIRE', KEYS[1], ARGV[6])
            return {'redeemed', d['cid'], d['ruri'], d['rgiven'], d['scp'], d['sub'], d['usr'], d['grp'], d['cc'], d['ccm'],
                    d['non'] or '', d['at'] or '0', d['sid'] or ''}
            """;

    /** A redemption the replicas did not confirm, taken back (KEYS: code) unless the code was presented again meanwhile. */
    private static final String UNDO_REDEEM = """
            if redis.call('HGET', KEYS[1], 'replayed') == '1' then return 0 end
            redis.call('HSET', KEYS[1], 'used', '0')
            return 1
            """;

    /** KEYS: code. ARGV: refresh family, access token jti, its expiry. Returns 1 if the code was replayed meanwhile. */
    private static final String RECORD = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'fam', ARGV[1], 'jti', ARGV[2], 'jexp', ARGV[3])
            if redis.call('HGET', KEYS[1], 'replayed') == '1' then return 1 end
            return 0
            """;

    private final ReactiveRedisDataSource redis;
    private final ReplicatedWrites replicated;
    private final String prefix;
    private final Duration lifetime;

    public AuthorizationCodes(ReactiveRedisDataSource redis, ReplicatedWrites replicated, AuthConfig config) {
        this.redis = redis;
        this.replicated = replicated;
        this.prefix = config.redis().keyPrefix() + "ac:";
        this.lifetime = config.authorization().codeLifetime();
    }

    public Uni<String> issue(CodeGrant g) {
        String code = RandomTokens.of32Bytes();
        long exp = Instant.now().plus(lifetime).getEpochSecond();
        return redis.execute("EVAL", ISSUE, "1", key(code), g.clientId(), g.redirectUri(), g.redirectUriGiven() ? "1" : "0",
                        g.scope(), g.subject(), nullToEmpty(g.username()), String.join(" ", g.groups()),
                        nullToEmpty(g.challenge()), nullToEmpty(g.challengeMethod()), Long.toString(exp),
                        Long.toString(lifetime.toSeconds() + 1), nullToEmpty(g.nonce()), Long.toString(g.authTime()), nullToEmpty(g.sid()))
                .replaceWith(code);
    }

    /**
     * Redeems the code once. A redemption the replicas do not confirm (see {@link ReplicatedWrites})
     * is undone and fails with {@link ReplicatedWrites.NotConfirmed}: a failover cannot let the
     * code be redeemed again after tokens were issued for it.
     */
    public Uni<Redemption> redeem(String code, String clientId, String redirectUri, String verifier) {
        if (!RandomTokens.isOf32Bytes(code)) {
            return Uni.createFrom().item(new Redemption(Outcome.UNKNOWN, null, null, null, 0));
        }
        return replicated.evalConfirmed(REDEEM, List.of(key(code)), List.of(clientId, Long.toString(Instant.now().getEpochSecond()),
                        nullToEmpty(redirectUri), verifier == null ? "" : Pkce.s256(verifier), nullToEmpty(verifier),
                        Long.toString(REPLAY_WINDOW.toSeconds())),
                        r -> "redeemed".equals(r.get(0).toString()), UNDO_REDEEM, List.of())
                .map(AuthorizationCodes::redemption);
    }

    /** Remembers the tokens issued from a redeemed code; true if the code was presented again meanwhile. */
    public Uni<Boolean> recordTokens(String code, String refreshFamily, String accessTokenId, Instant accessTokenExpiry) {
        return redis.execute("EVAL", RECORD, "1", key(code), nullToEmpty(refreshFamily), accessTokenId,
                        Long.toString(accessTokenExpiry.getEpochSecond()))
                .map(r -> r.toInteger() == 1);
    }

    private static Redemption redemption(Response r) {
        return switch (r.get(0).toString()) {
            case "redeemed" -> new Redemption(Outcome.REDEEMED, new CodeGrant(r.get(1).toString(), r.get(2).toString(),
                    "1".equals(r.get(3).toString()), r.get(4).toString(), r.get(5).toString(), emptyToNull(r.get(6).toString()),
                    r.get(7).toString().isBlank() ? List.of() : List.of(r.get(7).toString().trim().split(" +")),
                    emptyToNull(r.get(8).toString()), emptyToNull(r.get(9).toString()), emptyToNull(r.get(10).toString()),
                    Long.parseLong(r.get(11).toString()), emptyToNull(r.get(12).toString())), null, null, 0);
            case "reused" -> new Redemption(Outcome.REUSED, null, emptyToNull(r.get(1).toString()),
                    emptyToNull(r.get(2).toString()), Long.parseLong(r.get(3).toString()));
            case "wrong_client" -> new Redemption(Outcome.WRONG_CLIENT, null, null, null, 0);
            case "redirect_mismatch" -> new Redemption(Outcome.REDIRECT_MISMATCH, null, null, null, 0);
            case "verifier_mismatch" -> new Redemption(Outcome.VERIFIER_MISMATCH, null, null, null, 0);
            case "downgrade" -> new Redemption(Outcome.DOWNGRADE, null, null, null, 0);
            default -> new Redemption(Outcome.UNKNOWN, null, null, null, 0);
        };
    }

    private String key(String code) {
        return prefix + Sha256.hex(code);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
