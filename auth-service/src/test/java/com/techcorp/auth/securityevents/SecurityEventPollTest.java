package com.techcorp.auth.securityevents;

import com.techcorp.auth.support.Jwks;
import com.techcorp.auth.support.SeedUsers;
import com.techcorp.auth.support.TestClients;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The RFC 8936 poll endpoint: each revocation is one signed SET (RFC 8417) in the shared log; a
 * resource server's own client reads them by cursor, waits for the next one in a long poll, and
 * introspection agrees with what the events revoke.
 */
@QuarkusTest
class SecurityEventPollTest {

    private static final String RECEIVER = "data-service";
    private static final String RECEIVER_SECRET = "super_secret";

    private static JsonPath poll(String cursor, boolean immediately) {
        return given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).contentType("application/json")
                .body(Map.of("cursor", cursor, "returnImmediately", immediately, "maxEvents", 1000))
                .post("/oauth/security-events").then().statusCode(200).extract().jsonPath();
    }

    /** The log's end now: where a receiver that has read everything stands. */
    private static String end() {
        String cursor = "0";
        for (JsonPath page = poll(cursor, true); ; page = poll(cursor, true)) {
            cursor = page.getString("cursor");
            if (!page.getBoolean("moreAvailable")) {
                return cursor;
            }
        }
    }

    private static Map<String, Object> onlyEvent(JsonPath page) throws Exception {
        Map<String, String> sets = page.getMap("sets");
        assertEquals(1, sets.size(), "sets: " + sets.keySet());
        String set = sets.values().iterator().next();
        assertEquals("secevent+jwt", Jwks.header(set).getHeader("typ"));
        JwtClaims claims = Jwks.verify(set);
        assertEquals(sets.keySet().iterator().next(), claims.getJwtId());
        @SuppressWarnings("unchecked")
        Map<String, Object> events = (Map<String, Object>) claims.getClaimValue("events");
        assertEquals(1, events.size());
        return Map.of("type", events.keySet().iterator().next(), "event", events.values().iterator().next(),
                "sub_id", claims.getClaimValue("sub_id"));
    }

    @Test
    void revokingAnAccessTokenPublishesOneSignedEventNamingIt() throws Exception {
        String cursor = end();
        var login = SeedUsers.passwordGrant("johndoe", "secret123").statusCode(200).extract();
        String access = login.path("access_token");
        JwtClaims token = Jwks.verify(access);
        assertTrue(token.hasClaim("sid"), "user tokens carry their grant");
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET).formParam("token", access)
                .post("/oauth/revoke").then().statusCode(200);
        Map<String, Object> published = onlyEvent(poll(cursor, true));
        assertEquals(SecurityEventTypes.TOKEN_REVOKED, published.get("type"));
        assertEquals(Map.of("format", "opaque", "id", token.getJwtId()), published.get("sub_id"));
    }

    @Test
    void revokingARefreshTokenRevokesItsGrantsAccessTokensEverywhere() throws Exception {
        String cursor = end();
        var login = SeedUsers.passwordGrant("janesmith", "secret123").statusCode(200).extract();
        String access = login.path("access_token");
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET)
                .formParam("token", (String) login.path("refresh_token")).post("/oauth/revoke").then().statusCode(200);
        Map<String, Object> published = onlyEvent(poll(cursor, true));
        assertEquals(SecurityEventTypes.GRANT_REVOKED, published.get("type"));
        assertEquals(Map.of("format", "opaque", "id", Jwks.verify(access).getClaimValueAsString("sid")), published.get("sub_id"));
        // RFC 7009 §2.1, and what the resource servers now refuse: introspection agrees.
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET).formParam("token", access)
                .post("/oauth/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void disablingAClientCutsOffItsTokensAndIntrospectionAgrees() throws Exception {
        var client = TestClients.confidential().scope("data:read").register();
        String access = given().auth().preemptive().basic(client.clientId(), client.secret()).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).formParam("token", access)
                .post("/oauth/introspect").then().body("active", equalTo(true));
        String cursor = end();
        // Most likely in the same second as the token: iat has whole seconds, and the cutoff covers its own.
        given().auth().oauth2(TestClients.adminToken()).post("/admin/clients/" + client.clientId() + "/revoke-tokens")
                .then().statusCode(200);
        Map<String, Object> published = onlyEvent(poll(cursor, true));
        assertEquals(SecurityEventTypes.CLIENT_TOKENS_REVOKED, published.get("type"));
        assertEquals(Map.of("format", "opaque", "id", client.clientId()), published.get("sub_id"));
        given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).formParam("token", access)
                .post("/oauth/introspect").then().body("active", equalTo(false));
        // A token issued after the cutoff, even within its second, is good.
        String after = given().auth().preemptive().basic(client.clientId(), client.secret()).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).formParam("token", after)
                .post("/oauth/introspect").then().body("active", equalTo(true));
    }

    @Test
    void aLongPollReturnsAsSoonAsAnEventIsPublished() throws Exception {
        String cursor = end();
        CompletableFuture<JsonPath> waiting = CompletableFuture.supplyAsync(() -> poll(cursor, false));
        Thread.sleep(500);
        assertTrue(!waiting.isDone(), "nothing to return yet: the poll waits");
        long start = System.nanoTime();
        String access = SeedUsers.passwordGrant("johndoe", "secret123").statusCode(200).extract().path("access_token");
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET).formParam("token", access)
                .post("/oauth/revoke").then().statusCode(200);
        JsonPath page = waiting.get(5, TimeUnit.SECONDS);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, page.getMap("sets").size());
        assertTrue(millis < 1000, "the long poll answered " + millis + " ms after the revocation");
    }

    @Test
    void onlyAResourceServersOwnClientMayPoll() {
        var ordinary = TestClients.confidential().scope("data:read").register();
        given().auth().preemptive().basic(ordinary.clientId(), ordinary.secret()).contentType("application/json").body("{}")
                .post("/oauth/security-events").then().statusCode(403).body("error", equalTo("access_denied"));
        given().contentType("application/json").body("{}").post("/oauth/security-events").then().statusCode(401);
        given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).contentType("application/json")
                .body(Map.of("cursor", "../../etc", "returnImmediately", true))
                .post("/oauth/security-events").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).contentType("application/json")
                .body(Map.of("ack", List.of("x"), "returnImmediately", true, "maxEvents", 0))
                .post("/oauth/security-events").then().statusCode(200).body("sets.size()", equalTo(0));
    }

    /**
     * The identity-service's own client may revoke a user's tokens (scope auth:revoke-subject, as
     * it does when it disables the user) and nothing else of the admin API.
     */
    @Test
    void aSubjectsTokensAreRevokedByTheNarrowScopeAndNothingElseOpensToIt() throws Exception {
        String access = SeedUsers.passwordGrant("mariagarcia", "secret123").statusCode(200).extract().path("access_token");
        String sub = Jwks.verify(access).getSubject();
        String revoker = given().auth().preemptive().basic("identity-service", "super_secret")
                .formParam("grant_type", "client_credentials").formParam("scope", "auth:revoke-subject")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(revoker).get("/admin/clients").then().statusCode(403).body("error", equalTo("insufficient_scope"));
        String cursor = end();
        given().auth().oauth2(revoker).post("/admin/subjects/" + sub + "/revoke-tokens").then().statusCode(200);
        Map<String, Object> published = onlyEvent(poll(cursor, true));
        assertEquals(SecurityEventTypes.SUBJECT_TOKENS_REVOKED, published.get("type"));
        assertEquals(Map.of("format", "iss_sub", "iss", "http://localhost:8080", "sub", sub), published.get("sub_id"));
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET).formParam("token", access)
                .post("/oauth/introspect").then().body("active", equalTo(false));
        given().auth().oauth2(revoker).post("/admin/subjects/" + "..%2Fx" + "/revoke-tokens").then().statusCode(400);
    }

    /**
     * A signing key withdrawn early: it leaves the JWKS at once, its successor signs at once (no
     * pre-publication: an old key must not take over again), its tokens are inactive, and one
     * event, signed by the successor, tells the resource servers. Withdrawing it again changes
     * nothing.
     */
    @Test
    void withdrawingTheSigningKeyRefusesItsTokensAndTellsTheResourceServers() throws Exception {
        var client = TestClients.confidential().scope("data:read").register();
        String before = given().auth().preemptive().basic(client.clientId(), client.secret()).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String withdrawn = Jwks.header(before).getKeyIdHeaderValue();
        String cursor = end();
        String admin = TestClients.adminToken();
        var answer = given().auth().oauth2(admin).post("/admin/keys/" + withdrawn + "/withdraw")
                .then().statusCode(200).body("kid", equalTo(withdrawn)).extract().jsonPath();
        assertTrue(!Jwks.fetch().contains(withdrawn), "no longer published");
        given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).formParam("token", before)
                .post("/oauth/introspect").then().body("active", equalTo(false));
        String after = given().auth().preemptive().basic(client.clientId(), client.secret()).formParam("grant_type", "client_credentials")
                .post("/oauth/token").then().statusCode(200).extract().path("access_token");
        String successor = Jwks.header(after).getKeyIdHeaderValue();
        assertTrue(!successor.equals(withdrawn), "the successor signs at once");
        given().auth().preemptive().basic(RECEIVER, RECEIVER_SECRET).formParam("token", after)
                .post("/oauth/introspect").then().body("active", equalTo(true));

        JsonPath page = poll(cursor, true);
        Map<String, Object> published = onlyEvent(page); // verified against the JWKS: signed by the successor
        assertEquals(successor, Jwks.header(page.<String, String>getMap("sets").values().iterator().next()).getKeyIdHeaderValue());
        assertEquals(SecurityEventTypes.KEY_WITHDRAWN, published.get("type"));
        assertEquals(Map.of("format", "opaque", "id", withdrawn), published.get("sub_id"));
        assertEquals(java.time.Instant.parse(answer.getString("tokens_expired_by")).getEpochSecond(),
                ((Number) ((Map<?, ?>) published.get("event")).get("until")).longValue());

        given().auth().oauth2(admin).get("/admin/keys").then().statusCode(401); // the admin's own token was the key's
        admin = TestClients.adminToken();
        given().auth().oauth2(admin).post("/admin/keys/" + withdrawn + "/withdraw")
                .then().statusCode(200).body("withdrawn_at", equalTo(answer.getString("withdrawn_at")));
        given().auth().oauth2(admin).post("/admin/keys/nosuchkey/withdraw").then().statusCode(404);
        given().auth().oauth2(admin).post("/admin/keys/a.b/withdraw").then().statusCode(400);
        given().auth().oauth2(TestClients.adminToken()).get("/admin/keys").then().statusCode(200)
                .body("kid", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(withdrawn)));
    }

    /**
     * A receiver that starts after a withdrawal has never known the withdrawn key: the events that
     * key signed, still in the log, are served signed by its successor (same claims), so no
     * revocation they carry is lost to it; the log itself is not changed.
     */
    @Test
    void eventsAWithdrawnKeySignedReachAReceiverThatNeverKnewTheKey() throws Exception {
        String cursor = end();
        var login = SeedUsers.passwordGrant("johndoe", "secret123").statusCode(200).extract();
        String access = login.path("access_token");
        given().auth().preemptive().basic(SeedUsers.PORTAL_CLIENT, SeedUsers.PORTAL_SECRET).formParam("token", access)
                .post("/oauth/revoke").then().statusCode(200);
        Map<String, String> before = poll(cursor, true).getMap("sets");
        assertEquals(1, before.size());
        String jti = before.keySet().iterator().next();
        String withdrawn = Jwks.header(before.get(jti)).getKeyIdHeaderValue();
        JwtClaims revocation = Jwks.verify(before.get(jti));

        given().auth().oauth2(TestClients.adminToken()).post("/admin/keys/" + withdrawn + "/withdraw").then().statusCode(200);
        assertTrue(!Jwks.fetch().contains(withdrawn));
        Map<String, String> after = poll(cursor, true).getMap("sets");
        assertEquals(2, after.size(), "the revocation and the withdrawal: " + after.keySet());
        String resigned = after.get(jti);
        assertTrue(!withdrawn.equals(Jwks.header(resigned).getKeyIdHeaderValue()), "signed again by the successor");
        assertEquals(revocation.getClaimsMap(), Jwks.verify(resigned).getClaimsMap(), "the same event");
        assertEquals(resigned, poll(cursor, true).getMap("sets").get(jti), "signed once per replica, then remembered");

        // A receiver starting from the beginning can verify every event in the log with the JWKS.
        String from = "0";
        for (JsonPath page = poll(from, true); ; page = poll(from, true)) {
            for (String set : page.<String, String>getMap("sets").values()) {
                Jwks.verify(set);
            }
            from = page.getString("cursor");
            if (!page.getBoolean("moreAvailable")) {
                break;
            }
        }
    }
}
