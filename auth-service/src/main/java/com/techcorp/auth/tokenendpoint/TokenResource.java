package com.techcorp.auth.tokenendpoint;

import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.grant.TokenRequest;
import com.techcorp.auth.audit.AuditLog;
import com.techcorp.auth.client.ClientAuthenticator;
import com.techcorp.auth.grant.GrantHandler;
import com.techcorp.auth.support.ClientAddress;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The token endpoint (RFC 6749 §3.2). It parses the form, authenticates the client, checks the
 * client may use the grant, and hands over to the grant's {@link GrantHandler}; nothing else. Any
 * method but POST is a 405 with {@code Allow: POST} (§3.2: "The client MUST use the HTTP POST method").
 */
@Path("/oauth/token")
public class TokenResource {

    private static final OAuthException NOT_FORM =
            OAuthError.INVALID_REQUEST.exception("the body must be application/x-www-form-urlencoded");

    private final ClientAuthenticator authenticator;
    private final TokenMetrics metrics;
    private final Map<String, GrantHandler> grants = new HashMap<>();

    public TokenResource(ClientAuthenticator authenticator, TokenMetrics metrics, @Any Instance<GrantHandler> handlers) {
        this.authenticator = authenticator;
        this.metrics = metrics;
        handlers.forEach(handler -> grants.put(handler.grantType(), handler));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> token(MultivaluedMap<String, String> form,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                               @Context HttpServerRequest http) {
        long start = System.nanoTime();
        AtomicReference<String> authenticated = new AtomicReference<>();
        return Uni.createFrom().deferred(() -> {
                    if (contentType == null) {
                        // Without a Content-Type the REST layer would still read the body as a form.
                        throw NOT_FORM;
                    }
                    TokenRequest request = TokenRequest.parse(form, ClientAddress.of(http));
                    GrantHandler grant = grants.get(request.grantType());
                    if (grant == null) {
                        throw OAuthError.UNSUPPORTED_GRANT_TYPE.exception("grant_type is not supported");
                    }
                    return authenticator.authenticate(authorization, request.params(), request.clientAddress()).flatMap(client -> {
                        if (!client.allowsGrant(grant.grantType()) || !client.confidential() && !grant.allowsPublicClients()) {
                            throw OAuthError.UNAUTHORIZED_CLIENT.exception("the client is not registered for this grant type");
                        }
                        authenticated.set(client.clientId());
                        return grant.handle(request, client)
                                .invoke(() -> metrics.issued(grant.grantType(), client.clientId(), start));
                    });
                })
                .map(TokenResource::noStore)
                .onFailure(OAuthException.class).invoke(e -> {
                    OAuthError error = ((OAuthException) e).error();
                    metrics.refused(error);
                    // "Busy, retry" decides nothing about the client or the user: counted, not audited
                    // (a burst would write a line per paced retry).
                    if (error != OAuthError.TEMPORARILY_UNAVAILABLE) {
                        AuditLog.refused(form == null ? null : form.getFirst("grant_type"), authenticated.get(), error.code());
                    }
                });
    }

    /** RFC 6749 §3.2: the body is form-encoded; JSON, multipart or anything else is refused. */
    @POST
    public Response notForm() {
        metrics.refused(NOT_FORM.error());
        throw NOT_FORM;
    }

    /** RFC 6749 §5.1: token responses are never cached. */
    static Response noStore(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .build();
    }
}
