package com.techcorp.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Everything the identity-service reads from configuration (prefix {@code identity}). */
@ConfigMapping(prefix = "identity")
public interface IdentityConfig {

    Lockout lockout();

    Passwords passwords();

    Verification verification();

    /**
     * Failed verifications are counted per username and client address: {@code max-failures} of them
     * lock that pair (not the account, so nobody can lock a user out from another address), and
     * {@code username-ceiling} over every address lock the username (guessing spread over many addresses).
     */
    interface Lockout {
        /** Failures from one address that lock the username for that address. */
        @WithDefault("5")
        int maxFailures();

        /** Failures from every address together that lock the username everywhere. */
        @WithDefault("100")
        int usernameCeiling();

        /** How long a lock holds; failures older than this are forgotten. */
        @WithDefault("PT15M")
        Duration duration();
    }

    /** How many verifications run at once, and how long one may wait for a hashing thread. */
    interface Verification {
        /** Hashing threads; 0 means one per core. */
        @WithDefault("0")
        int threads();

        /** Verifications that would wait longer than this for a thread are refused at once (503). */
        @WithDefault("PT0.4S")
        Duration maxWait();

        /** One that has still waited this long when its thread comes is refused then (503): its caller waits 1 s. */
        @WithDefault("PT0.7S")
        Duration deadline();
    }

    interface Passwords {
        @WithDefault("8")
        int minLength();

        /** Bounds the work one verification can cost (Argon2 input). */
        @WithDefault("256")
        int maxLength();

        /** Argon2id memory in KiB; Keycloak 26's default is 7168 (7 MiB). */
        @WithDefault("7168")
        int memoryKib();

        @WithDefault("5")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }
}
