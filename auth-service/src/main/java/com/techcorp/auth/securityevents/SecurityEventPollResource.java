package com.techcorp.auth.securityevents;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientAuthenticator;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.support.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 8936 poll delivery of the Security Event Tokens of {@link Revocations}, for resource servers.
 * The caller authenticates as a confidential client allowed the scope {@code secevents:poll}
 * (client_secret_basic). Every receiver gets every event: the log is one stream and each receiver
 * names where it is with {@code cursor} (an extension member, answered in every response), so
 * acknowledgements ({@code ack}, {@code setErrs}) are accepted and have nothing left to do.
 * Without {@code returnImmediately} the call waits up to {@link #LONG_POLL} for the next event.
 */
@Path("/oauth/security-events")
public class SecurityEventPollResource {

    static final String SCOPE = "secevents:poll";
    static final Duration LONG_POLL = Duration.ofSeconds(20);
    private static final int MAX_EVENTS = 1000;

    /** RFC 8936 §2.4 poll request; {@code cursor} is this service's extension. */
    public record PollRequest(List<String> ack, Map<String, Object> setErrs, Integer maxEvents,
                              Boolean returnImmediately, String cursor) {
    }

    private final ClientAuthenticator authenticator;
    private final SecurityEventLog log;
    private final SecurityEventSigner signer;
    private final Vertx vertx;

    public SecurityEventPollResource(ClientAuthenticator authenticator, SecurityEventLog log, SecurityEventSigner signer, Vertx vertx) {
        this.authenticator = authenticator;
        this.log = log;
        this.signer = signer;
        this.vertx = vertx;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> poll(PollRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                              @Context HttpServerRequest http) {
        PollRequest poll = request == null ? new PollRequest(null, null, null, null, null) : request;
        int max = poll.maxEvents() == null ? 100 : poll.maxEvents();
        if (max < 0 || max > MAX_EVENTS) {
            throw OAuthError.INVALID_REQUEST.exception("maxEvents must be 0 to " + MAX_EVENTS);
        }
        String cursor = poll.cursor() == null ? "0" : poll.cursor();
        if (!SecurityEventLog.CURSOR.matcher(cursor).matches()) {
            throw OAuthError.INVALID_REQUEST.exception("cursor is not one this service gave");
        }
        boolean immediately = Boolean.TRUE.equals(poll.returnImmediately());
        return authenticator.authenticate(authorization, Map.of(), ClientAddress.of(http))
                .invoke(SecurityEventPollResource::requireReceiver)
                .flatMap(client -> log.after(cursor, max))
                .flatMap(page -> page.entries().isEmpty() && !immediately && max > 0
                        ? log.awaitAppend(page.cursor(), LONG_POLL).flatMap(woken -> log.after(cursor, max))
                        : Uni.createFrom().item(page))
                .flatMap(this::verifiable)
                .map(page -> Response.ok(body(page)).header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    /** Entries signed by a withdrawn key are signed again, off the event loop (RSA signing is CPU). */
    private Uni<SecurityEventLog.Page> verifiable(SecurityEventLog.Page page) {
        if (!signer.needsResigning(page.entries())) {
            return Uni.createFrom().item(page);
        }
        return vertx.executeBlocking(Uni.createFrom().item(
                () -> new SecurityEventLog.Page(signer.verifiable(page.entries()), page.more(), page.cursor())), false);
    }

    private static void requireReceiver(Client client) {
        if (!client.confidential() || !client.allowedScopes().contains(SCOPE)) {
            throw OAuthError.ACCESS_DENIED.exception("this client may not receive security events");
        }
    }

    private static Map<String, Object> body(SecurityEventLog.Page page) {
        Map<String, String> sets = new LinkedHashMap<>();
        page.entries().forEach(entry -> sets.put(entry.jti(), entry.set()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sets", sets);
        body.put("moreAvailable", page.more());
        body.put("cursor", page.cursor());
        return body;
    }
}
