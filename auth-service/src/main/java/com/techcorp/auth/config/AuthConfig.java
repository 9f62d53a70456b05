package com.techcorp.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything the auth-service reads from configuration (prefix {@code auth}). */
@ConfigMapping(prefix = "auth")
public interface AuthConfig {

    /** The issuer: {@code iss} of every token and the base of every URL in the metadata (RFC 8414 §2). */
    @WithDefault("http://localhost:8080")
    String issuer();

    Tokens tokens();

    Keys keys();

    Clients clients();

    /** Scope name → the audience (resource server) that it belongs to; also the catalog of known scopes. */
    Map<String, String> scopeAudiences();

    /**
     * Scope name → the identity-service groups (space-separated) whose members may be granted it
     * when a client acts for them; a scope not listed is for clients acting for themselves only,
     * except {@code openid}, which every user may grant.
     */
    Map<String, String> userScopeGroups();

    /** The client created at start-up for the first administrator, like Keycloak's bootstrap admin. */
    BootstrapAdmin bootstrapAdmin();

    Redis redis();

    RefreshTokens refreshTokens();

    RateLimits rateLimits();

    Authorization authorization();

    Identity identity();

    Sessions sessions();

    /** The sign-on session a browser holds after signing in (OpenID Connect single sign-on). */
    interface Sessions {
        /** A session unused this long ends: the next authorization asks for the password again. */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /** A session ends this long after its sign-in, however busy (a working day). */
        @WithDefault("PT10H")
        Duration absoluteTimeout();
    }

    /** The identity-service as this service uses it (its address and timeouts are the REST client's). */
    interface Identity {
        /**
         * Password checks in flight at once on this replica; more are refused with 503. Enough to
         * keep the identity-service's hashing threads busy (a few per thread), no more.
         */
        @WithDefault("16")
        int maxConcurrentVerifications();

        /** How long a refused sign-in waits before its 503, so that clients retrying at once are paced. */
        @WithDefault("PT0.025S")
        Duration refusalDelay();
    }

    /** The authorization endpoint (authorization code and implicit grants). */
    interface Authorization {
        /** How long an authorization code can be redeemed (RFC 6749 §4.1.2: "a maximum lifetime of 10 minutes is RECOMMENDED"). */
        @WithDefault("PT60S")
        Duration codeLifetime();

        /** How long a user has to sign in (and consent) once the authorization request arrived. */
        @WithDefault("PT10M")
        Duration loginTimeout();
    }

    interface RefreshTokens {
        /** A refresh token unused this long expires, even within its client's absolute lifetime. */
        @WithDefault("P14D")
        Duration idleTimeout();

        /** How long the identity-service's answer "this user is active" is trusted before a refresh asks again. */
        @WithDefault("PT1M")
        Duration userCheckInterval();

        /**
         * How long the identity-service's last answer about a user stands while it cannot be asked
         * (down, frozen): the bound on last-known-good for user status.
         */
        @WithDefault("PT15M")
        Duration userStatusLastKnownGood();
    }

    /**
     * Attempt limits per {@link #window()}. Every one names a client address or is a ceiling high
     * enough that no single caller can exhaust it for everybody else.
     */
    interface RateLimits {
        /** Failed sign-ins for one username from one address, before the identity-service is even asked. */
        @WithDefault("10")
        int loginFailuresPerUsernameAndAddress();

        /** Failed sign-ins from one address over every username. */
        @WithDefault("100")
        int loginFailuresPerAddress();

        /** Failed client authentications of one client from one address. */
        @WithDefault("10")
        int clientFailuresPerClientAndAddress();

        /** Failed client authentications from one address over every client. */
        @WithDefault("30")
        int clientFailuresPerAddress();

        /** Failed client authentications of one client over every address: online guessing of its secret. */
        @WithDefault("300")
        int clientFailuresPerClient();

        /** Authorization requests (each a pending sign-in held in Redis) from one address. */
        @WithDefault("120")
        int authorizationRequestsPerAddress();

        @WithDefault("PT1M")
        Duration window();
    }

    interface Tokens {
        /** Access-token lifetime of a client that sets none (RFC 6749 §4.4.3, {@code expires_in}). */
        @WithDefault("PT1H")
        Duration defaultAccessTokenLifetime();

        /** Upper bound of any client's access-token lifetime: retired signing keys stay published this long. */
        @WithDefault("PT24H")
        Duration maxAccessTokenLifetime();

        /** Clock skew that resource servers may accept; retired keys stay published this much longer. */
        @WithDefault("PT1M")
        Duration clockSkew();
    }

    interface Keys {
        /** JWS algorithm of new signing keys: RS256 or ES256. */
        @WithDefault("RS256")
        String algorithm();

        /**
         * Base64 of the 256-bit AES key that encrypts private keys at rest (key-encryption key).
         * Required; production reads it from a secret.
         */
        String encryptionKey();

        /** How long a key signs before its successor takes over. */
        @WithDefault("P30D")
        Duration rotationInterval();

        /**
         * How long a new key is published in the JWKS before it signs: at least the JWKS cache
         * lifetime of every resource server, so none meets a {@code kid} it has not fetched.
         */
        @WithDefault("PT15M")
        Duration prepublication();

        /** How often each replica re-reads the keys and checks whether a rotation is due. */
        @WithDefault("PT1M")
        Duration syncInterval();
    }

    interface Clients {
        /** How long a client's registration is cached in memory; other replicas see admin changes after this. */
        @WithDefault("PT30S")
        Duration cacheTtl();

        /**
         * How long a registration read earlier is still served while PostgreSQL cannot be read, so
         * known clients keep their tokens through a database restart; nothing can change it meanwhile.
         */
        @WithDefault("PT15M")
        Duration lastKnownGood();

        /**
         * How long a verified client secret is remembered after its last use, so a token request does
         * not pay a slow hash: longer than a client's usual gap between token requests (an hour's token
         * renewed shortly before it ends), so a client in steady use is never held up by anyone
         * guessing at its secret.
         */
        @WithDefault("PT1H")
        Duration verifiedSecretTtl();
    }

    interface BootstrapAdmin {
        @WithDefault("bootstrap-admin")
        String clientId();

        /** Unset: no bootstrap admin client. */
        Optional<String> clientSecret();
    }

    interface Redis {
        /** Prefix of every Redis key this service writes. */
        @WithDefault("auth:")
        String keyPrefix();

        /**
         * How many replicas must confirm a refresh-token rotation or a code redemption before it
         * counts (Redis WAIT): 0 on a single node; 1 on Sentinel or Cluster, so that a failover
         * cannot bring back a token or a code already used. Unconfirmed: 503, and the rotation undone.
         */
        @WithDefault("0")
        int replicaAcks();

        /** How long to wait for those confirmations. */
        @WithDefault("PT0.25S")
        Duration replicaAckTimeout();
    }
}
