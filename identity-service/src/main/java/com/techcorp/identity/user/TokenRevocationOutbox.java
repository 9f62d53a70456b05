package com.techcorp.identity.user;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells the auth-service to revoke every token of a user this service disabled (or whose password
 * it reset), so that the user's access tokens stop working at every resource server at once, not
 * at the user's next refresh. A transactional outbox: {@link #enqueue} writes the row in the
 * change's own transaction, and the rows are sent every second until the auth-service has taken
 * them (backing off up to a minute while it is away), with this service's own client credentials
 * and the narrow scope {@code auth:revoke-subject}.
 */
@ApplicationScoped
public class TokenRevocationOutbox {

    private static final String ENQUEUE = "insert into pending_token_revocations (subject, issued_before) values (?1, ?2) "
            + "on conflict (subject) do update set issued_before = excluded.issued_before, attempts = 0, next_attempt = now()";
    private static final String DUE = "select subject from pending_token_revocations where next_attempt <= now() order by next_attempt limit 50";
    private static final String DONE = "delete from pending_token_revocations where subject = $1 and issued_before <= $2";
    private static final String RETRY = "update pending_token_revocations set attempts = attempts + 1, "
            + "next_attempt = now() + make_interval(secs => least(60, power(2, attempts))) where subject = $1";

    private final Pool db;
    private final WebClient http;
    private final String authUrl;
    private final String clientId;
    private final Optional<String> clientSecret;

    public TokenRevocationOutbox(Pool db, Vertx vertx,
                                 @ConfigProperty(name = "revocation.auth-service-url") String authUrl,
                                 @ConfigProperty(name = "tokenvalidation.events.client-id") String clientId,
                                 @ConfigProperty(name = "tokenvalidation.events.client-secret") Optional<String> clientSecret) {
        this.db = db;
        this.http = WebClient.create(vertx);
        this.authUrl = authUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret.filter(s -> !s.isBlank());
    }

    /** In the caller's transaction (Hibernate Reactive session): the user's tokens up to now are to be revoked. */
    public Uni<Void> enqueue(UUID subject) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(ENQUEUE)
                .setParameter(1, subject).setParameter(2, OffsetDateTime.now(ZoneOffset.UTC)).executeUpdate()).replaceWithVoid();
    }

    /** After a change has committed: send now rather than at the next tick (sending twice does no harm). */
    public void sendSoon() {
        send().subscribe().with(ignored -> { }, e -> { });
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> send() {
        if (clientSecret.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery(DUE).execute().flatMap(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().voidItem();
            }
            var due = java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(row -> row.getUUID("subject")).toList();
            // No token (the auth-service away): every due row backs off, as a failed call does.
            return token().onFailure().call(e -> Uni.join().all(due.stream().map(this::backOff).toList()).andCollectFailures())
                    .flatMap(token -> Uni.join().all(due.stream().map(subject -> revoke(token, subject)).toList())
                            .andCollectFailures().replaceWithVoid());
        }).onFailure().invoke(e -> Log.debugf("token revocations not sent yet: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<String> token() {
        return http.postAbs(authUrl + "/oauth/token").basicAuthentication(clientId, clientSecret.orElseThrow())
                .timeout(Duration.ofSeconds(2).toMillis())
                .sendForm(io.vertx.mutiny.core.MultiMap.caseInsensitiveMultiMap()
                        .add("grant_type", "client_credentials").add("scope", "auth:revoke-subject"))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("token endpoint answered " + response.statusCode());
                    }
                    return response.bodyAsJsonObject().getString("access_token");
                });
    }

    private Uni<Void> backOff(UUID subject) {
        return db.preparedQuery(RETRY).execute(Tuple.of(subject)).replaceWithVoid();
    }

    private Uni<Void> revoke(String token, UUID subject) {
        OffsetDateTime asOf = OffsetDateTime.now(ZoneOffset.UTC);
        return http.postAbs(authUrl + "/admin/subjects/" + subject + "/revoke-tokens").bearerTokenAuthentication(token)
                .timeout(Duration.ofSeconds(2).toMillis()).send()
                .flatMap(response -> {
                    if (response.statusCode() != 200) {
                        return Uni.createFrom().failure(new IllegalStateException("auth-service answered " + response.statusCode()));
                    }
                    Log.infof("tokens of user %s revoked at the auth-service", subject);
                    return db.preparedQuery(DONE).execute(Tuple.of(subject, asOf)).replaceWithVoid();
                })
                .onFailure().call(e -> backOff(subject));
    }
}
