package com.techcorp.oauth.passwordhashing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Argon2idTest {

    /** A demo user's hash as the seed migration holds it, written by password4j before this class. */
    private static final String WRITTEN_BY_PASSWORD4J =
            "$argon2id$v=19$m=7168,t=5,p=1$vQCRfxs+JsHYahnpR1A9uA$E4SAkn6WMkQJsOhe62SVfBttZq5BUhKsCeXAUF5e7VU";

    @Test
    void hashesWrittenBeforeKeepVerifying() {
        assertTrue(Argon2id.verify("secret123", WRITTEN_BY_PASSWORD4J));
        assertFalse(Argon2id.verify("secret124", WRITTEN_BY_PASSWORD4J));
        assertEquals(Optional.of(Argon2id.DEFAULT), Argon2id.costOf(WRITTEN_BY_PASSWORD4J));
    }

    @Test
    void aNewHashVerifiesItsSecretOnlyAndIsSaltedEachTime() {
        String hash = Argon2id.hash("pässwörd ✓", new Argon2id.Cost(1024, 2, 1));
        assertTrue(hash.startsWith("$argon2id$v=19$m=1024,t=2,p=1$"), hash);
        assertTrue(Argon2id.verify("pässwörd ✓", hash));
        assertFalse(Argon2id.verify("passwörd ✓", hash));
        assertNotEquals(hash, Argon2id.hash("pässwörd ✓", new Argon2id.Cost(1024, 2, 1)));
        assertEquals(Optional.of(new Argon2id.Cost(1024, 2, 1)), Argon2id.costOf(hash));
    }

    /** A stored hash is data: malformed or asking for too much, it verifies nothing and costs nothing. */
    @Test
    void malformedAndOutOfBoundsHashesVerifyNothing() {
        for (String bad : new String[]{null, "", "secret123", "$2a$10$abcdefghijklmnopqrstuv",
                WRITTEN_BY_PASSWORD4J.replace("argon2id", "argon2i"),
                WRITTEN_BY_PASSWORD4J.replace("v=19", "v=16"),
                WRITTEN_BY_PASSWORD4J.replace("m=7168", "m=9999999"),
                WRITTEN_BY_PASSWORD4J.replace("m=7168", "m=65537"),
                WRITTEN_BY_PASSWORD4J.replace("t=5", "t=99"),
                WRITTEN_BY_PASSWORD4J.replace("p=1", "p=0"),
                WRITTEN_BY_PASSWORD4J.replace("$E4S", "$E"),
                WRITTEN_BY_PASSWORD4J + "AB",
                WRITTEN_BY_PASSWORD4J + "\n"}) {
            assertFalse(Argon2id.verify("secret123", bad), String.valueOf(bad));
            assertEquals(Optional.empty(), Argon2id.costOf(bad), String.valueOf(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> new Argon2id.Cost(4, 1, 1));
    }
}
