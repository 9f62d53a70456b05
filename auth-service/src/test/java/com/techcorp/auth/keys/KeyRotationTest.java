package com.techcorp.auth.keys;

import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.TestClients;
import com.techcorp.oauth.teststorage.TestStorage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKeySet;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Rotation without downtime (test profile: pre-publication 2 s, sync every 1 s): a new key is
 * published before it signs, tokens of the old key keep verifying, one rotation wins a race.
 */
@QuarkusTest
class KeyRotationTest {

    @Inject
    KeyManager manager;

    @Inject
    KeyRing ring;

    @Inject
    KeyEncryption encryption;

    @Inject
    SigningKeyRepository repository;

    private static String token(TestClients.Registered client) {
        return given().auth().preemptive().basic(client.clientId(), client.secret())
                .formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
    }

    private static List<String> publishedKids() throws Exception {
        return new JsonWebKeySet(Jwks.fetch()).getJsonWebKeys().stream().map(k -> k.getKeyId()).toList();
    }

    private static KeyManager.Rotation rotateViaAdminApi() {
        var response = given().auth().oauth2(TestClients.adminToken()).post("/admin/keys/rotate")
                .then().statusCode(200).extract();
        return new KeyManager.Rotation(response.path("kid"), Instant.parse(response.path("active_from")));
    }

    @Test
    void newKeyIsPublishedBeforeItSignsAndOldTokensStillVerify() throws Exception {
        var client = TestClients.confidential().scope("data:read").register();
        String before = token(client);
        String oldKid = Jwks.header(before).getKeyIdHeaderValue();

        var rotation = rotateViaAdminApi();
        assertNotEquals(oldKid, rotation.kid());
        assertTrue(publishedKids().contains(rotation.kid()), "the successor is in the JWKS at once");
        if (Instant.now().isBefore(rotation.activeFrom().minusMillis(200))) {
            assertEquals(oldKid, Jwks.header(token(client)).getKeyIdHeaderValue(), "it does not sign yet");
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(rotation.activeFrom()));
        String after = token(client);
        assertEquals(rotation.kid(), Jwks.header(after).getKeyIdHeaderValue(), "it signs after pre-publication");

        assertTrue(publishedKids().contains(oldKid), "the retired key stays published");
        assertEquals(client.clientId(), Jwks.verify(before).getSubject(), "a token signed before the rotation still verifies");
        assertEquals(client.clientId(), Jwks.verify(after).getSubject());
    }

    /**
     * A client registered this very second gets tokens whose iat names the next second (its cutoff
     * is in whole seconds); the key that signs them is still the one signing by the clock. It was
     * picked by that iat: a successor signed up to a second before its activation (seen as a flaky
     * rotation test: the "new" key had already signed the token taken before the rotation).
     */
    @Test
    void aTokenOfAClientRegisteredThisSecondIsSignedByTheKeyActiveNowNotByItsSuccessor() throws Exception {
        String admin = TestClients.adminToken();
        KeyManager.Rotation rotation = rotateViaAdminApi();
        // A successor that activates late in its second, so that a client can be registered in that second before it.
        while (rotation.activeFrom().getNano() < 600_000_000) {
            Instant waiting = rotation.activeFrom();
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(waiting));
            rotation = rotateViaAdminApi();
        }
        Instant activeFrom = rotation.activeFrom();
        Instant secondStart = activeFrom.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> !Instant.now().isBefore(secondStart));
        var client = given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("client_id", "test-cutoff-" + System.nanoTime(), "grant_types", List.of("client_credentials"), "scope", "data:read"))
                .post("/admin/clients").then().statusCode(201).extract();
        String token = given().auth().preemptive().basic(client.<String>path("client_id"), client.path("client_secret"))
                .formParam("grant_type", "client_credentials").post("/oauth/token").then().statusCode(200).extract().path("access_token");
        Instant received = Instant.now();
        assumeTrue(received.isBefore(activeFrom), "registered and served before the successor activated");
        assertNotEquals(rotation.kid(), Jwks.header(token).getKeyIdHeaderValue(), "the successor does not sign before its activation");
    }

    @Test
    void retiredKeyStaysPublishedUntilItsLastTokenHasExpired() {
        var rotation = rotateViaAdminApi();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(rotation.activeFrom()));
        var keys = given().auth().oauth2(TestClients.adminToken()).get("/admin/keys")
                .then().statusCode(200).extract().jsonPath();
        List<String> signsUntil = keys.getList("signs_until");
        List<String> publishedUntil = keys.getList("published_until");
        for (int i = 0; i < signsUntil.size(); i++) {
            if (signsUntil.get(i) != null) {
                // max access-token lifetime (24 h) plus clock skew (1 min)
                assertEquals(Duration.ofHours(24).plusMinutes(1),
                        Duration.between(Instant.parse(signsUntil.get(i)), Instant.parse(publishedUntil.get(i))));
            }
        }
    }

    @Test
    void jwksCacheLifetimeFitsInsideThePrepublicationWindow() {
        // pre-publication 2 s minus one sync interval (1 s)
        given().get("/.well-known/jwks.json").then().statusCode(200).header("Cache-Control", equalTo("public, max-age=1"));
    }

    /**
     * Every replica's scheduled key check holds the rotation lock for a moment: an operator's
     * rotation or withdrawal waits it out rather than answering 409 (seen in CI: the 1 s test sync
     * raced a withdrawal).
     */
    @Test
    void anOperatorsRotationWaitsForTheLockAScheduledCheckHolds() throws Exception {
        var pg = TestStorage.postgres();
        String admin = TestClients.adminToken();
        var pool = Executors.newSingleThreadExecutor();
        try (var connection = DriverManager.getConnection(pg.jdbcUrl("auth_service_test"), pg.user(), pg.password())) {
            Future<?> holding = pool.submit(() -> connection.createStatement()
                    .execute("select pg_advisory_xact_lock(" + SigningKeyRepository.ROTATION_LOCK + "), pg_sleep(1.2)"));
            Thread.sleep(300);
            given().auth().oauth2(admin).post("/admin/keys/rotate").then().statusCode(200);
            holding.get();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A rotation that waited for the lock decides on the time it got it: the successor that began
     * signing meanwhile gets a successor of its own (it was answered as the one still waiting,
     * from the time the request came in: a rotation that rotated nothing).
     */
    @Test
    void aRotationThatWaitedForTheLockSeesTheSuccessorThatBeganSigningMeanwhile() throws Exception {
        var waiting = rotateViaAdminApi();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(waiting.activeFrom().minusMillis(1000)));
        var pg = TestStorage.postgres();
        String admin = TestClients.adminToken();
        var pool = Executors.newSingleThreadExecutor();
        try (var connection = DriverManager.getConnection(pg.jdbcUrl("auth_service_test"), pg.user(), pg.password())) {
            long holdMillis = Duration.between(Instant.now(), waiting.activeFrom()).toMillis() + 300;
            Future<?> holding = pool.submit(() -> connection.createStatement()
                    .execute("select pg_advisory_xact_lock(" + SigningKeyRepository.ROTATION_LOCK + "), pg_sleep(" + holdMillis / 1000.0 + ")"));
            Thread.sleep(200);
            var response = given().auth().oauth2(admin).post("/admin/keys/rotate").then().statusCode(200).extract();
            holding.get();
            assertNotEquals(waiting.kid(), response.path("kid"), "the key that signs now is not its own successor");
            assertTrue(Instant.parse(response.path("active_from")).isAfter(waiting.activeFrom()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoConcurrentRotationsCreateOneKey() throws Throwable {
        int keysBefore = countKeys();
        var pool = Executors.newFixedThreadPool(2);
        try {
            Callable<String> rotate = () -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> manager.rotateNow()).kid();
                } catch (Throwable lostTheLock) {
                    return "lost";
                }
            };
            List<Future<String>> results = new ArrayList<>(List.of(pool.submit(rotate), pool.submit(rotate)));
            List<String> kids = new ArrayList<>();
            for (Future<String> f : results) {
                kids.add(f.get());
            }
            int created = countKeys() - keysBefore;
            // Either both saw the same pending successor, or one lost the lock: never two new keys.
            assertTrue(created <= 1, "at most one key per rotation round, got " + created);
            assertFalse(kids.stream().filter(k -> !k.equals("lost")).distinct().count() > 1, "both winners name one key: " + kids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void privateKeysAreEncryptedAtRest() throws Throwable {
        List<SigningKeyEntity> rows = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> repository.listAll()));
        assertFalse(rows.isEmpty());
        for (SigningKeyEntity row : rows) {
            var key = ring.byKid(row.kid, Instant.now()).orElseThrow();
            byte[] plain = key.privateKey().getEncoded();
            assertFalse(contains(row.privateKeyCiphertext, plain), "the stored bytes are not the PKCS#8 key");
            assertArrayEquals(plain, encryption.decrypt(new KeyEncryption.Sealed(row.privateKeyCiphertext, row.privateKeyNonce), row.kid));
            // The kid is bound as associated data: a ciphertext moved to another row does not decrypt.
            assertThrows(Exception.class, () -> encryption.decrypt(
                    new KeyEncryption.Sealed(row.privateKeyCiphertext, row.privateKeyNonce), row.kid + "x"));
        }
    }

    private int countKeys() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> repository.count())).intValue();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
