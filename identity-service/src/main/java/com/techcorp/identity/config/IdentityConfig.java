package com.techcorp.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Everything the identity-service reads from configuration (prefix {@code identity}). */
@ConfigMapping(prefix = "identity")
public interface IdentityConfig {

    Lockout lockout();

    Passwords passwords();

    interface Lockout {
        /** Consecutive failed verifications that lock an account. */
        @WithDefault("5")
        int maxFailures();

        /** How long a locked account refuses even the right password. */
        @WithDefault("PT15M")
        Duration duration();
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
