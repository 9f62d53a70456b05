package com.techcorp.auth.authorize;

import com.techcorp.auth.authorize.PendingAuthorizations.SignedInUser;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.ratelimit.AttemptLimiter;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.session.SessionCookie;
import com.techcorp.auth.session.SignOnSession;
import com.techcorp.auth.session.SignOnSessions;
import com.techcorp.auth.support.ClientAddress;
import com.techcorp.auth.support.RandomTokens;
import com.techcorp.auth.support.UrlEncodedForm;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1, §4.2; RFC 7636; RFC 9207): the request is
 * validated ({@link AuthorizationRequests}), held while the user signs in
 * ({@link PendingAuthorizations}), and the sign-in page shown unless the browser's sign-on
 * session ({@link SignOnSessions}) already says who the user is; {@link SignInResource} and
 * {@link ConsentResource} take the forms, {@link AuthorizationResponses} answers the client.
 */
@Path("/oauth/authorize")
public class AuthorizeResource {

    private final ClientRegistry clients;
    private final AuthorizationRequests requests;
    private final PendingAuthorizations pending;
    private final AttemptLimiter limiter;
    private final SignOnSessions sessions;
    private final SessionCookie sessionCookie;
    private final AuthorizationResponses responses;

    public AuthorizeResource(ClientRegistry clients, AuthorizationRequests requests, PendingAuthorizations pending,
                             AttemptLimiter limiter, SignOnSessions sessions, SessionCookie sessionCookie,
                             AuthorizationResponses responses) {
        this.clients = clients;
        this.requests = requests;
        this.pending = pending;
        this.limiter = limiter;
        this.sessions = sessions;
        this.sessionCookie = sessionCookie;
        this.responses = responses;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> authorize(@Context HttpServerRequest http, @CookieParam(FormPosts.BINDING_COOKIE) String binding) {
        String session = sessionCookie.read(http);
        String address = ClientAddress.of(http);
        MultivaluedMap<String, String> query;
        try {
            query = UrlEncodedForm.parse(http.query());
        } catch (UrlEncodedForm.Malformed e) {
            return Pages.page(400, "Invalid request", "The request is malformed.");
        }
        if (AuthorizationRequests.repeated(query, "client_id") || AuthorizationRequests.repeated(query, "redirect_uri")) {
            return Pages.page(400, "Invalid request", "The request names more than one client_id or redirect_uri.");
        }
        String clientId = AuthorizationRequests.nonEmpty(query.getFirst("client_id"));
        if (clientId == null || !Client.ID.matcher(clientId).matches()) {
            return Pages.page(400, "Unknown application", "The application that sent you here is not registered.");
        }
        return clients.find(clientId)
                .flatMap(found -> start(query, found, binding, session, address))
                .onFailure(Unavailable::is).recoverWithItem(e -> {
                    Log.warnf("authorization endpoint: a dependency is unavailable: %s", Unavailable.rootCause(e));
                    return Pages.unavailable();
                });
    }

    private Uni<Response> start(MultivaluedMap<String, String> query, Optional<Client> found, String binding, String sessionValue,
                                String address) {
        if (found.isEmpty() || !found.get().enabled()) {
            return Pages.page(400, "Unknown application", "The application that sent you here is not registered.");
        }
        Client client = found.get();
        AuthorizationRequests.Validated validated = requests.validate(query, client);
        if (validated.refusal() != null) {
            return Uni.createFrom().item(validated.refusal());
        }
        String browser = RandomTokens.isOf32Bytes(binding) ? binding : RandomTokens.of32Bytes();
        // Each request may be held in Redis while the user signs in: a flood from one address is refused.
        return limiter.authorizationRequest(address)
                .flatMap(counted -> sessions.findActive(sessionValue))
                .flatMap(session -> decide(validated, client, session, browser))
                // prompt=none promised the client an answer, not a page: "try later" goes back to it too.
                .onFailure(e -> Unavailable.is(e) && validated.silent()).recoverWithItem(e -> responses.refuse(validated.request(),
                        OAuthError.TEMPORARILY_UNAVAILABLE, "the authorization server is temporarily unavailable"))
                .map(page -> Response.fromResponse(page).cookie(new NewCookie.Builder(FormPosts.BINDING_COOKIE).value(browser)
                        .path("/oauth/authorize").httpOnly(true).secure(sessionCookie.secure()).sameSite(NewCookie.SameSite.LAX).build()).build())
                .onFailure(OAuthException.class).recoverWithItem(e -> ((OAuthException) e).error() == OAuthError.TOO_MANY_ATTEMPTS
                        ? Pages.retryAfter(Pages.problem(429, "Too many requests",
                        "Too many sign-in requests from your network. Wait a minute and try again."), ((OAuthException) e).retryAfterSeconds())
                        : Pages.problem(400, "Invalid request", "The request could not be completed."));
    }

    /**
     * With a sign-on session the user is not asked for the password again, unless the request
     * says so (prompt=login, a max_age the session's sign-in is older than); a client that is not
     * first-party still needs the user's consent once per session (or every time, with
     * prompt=consent). prompt=none gets an error instead of any page (Core §3.1.2.6).
     */
    private Uni<Response> decide(AuthorizationRequests.Validated validated, Client client, Optional<SignOnSession> session,
                                 String browser) {
        AuthorizationRequest request = validated.request();
        long now = Instant.now().getEpochSecond();
        if (session.isEmpty() || !validated.acceptsSession(session.get().subject(), session.get().authTime(), now)) {
            if (validated.silent()) {
                return Uni.createFrom().item(responses.refuse(request, OAuthError.LOGIN_REQUIRED, "the user must sign in"));
            }
            return pending.start(request, browser).map(started -> Pages.html(200, Pages.Templates.login(FormPosts.displayName(client),
                    started.id(), started.csrfToken(), validated.loginHint(), null)).build());
        }
        SignOnSession signedIn = session.get();
        SignedInUser user = new SignedInUser(signedIn.subject(), signedIn.username(), signedIn.groups(), signedIn.authTime(), signedIn.sid());
        Uni<Boolean> consentNeeded = request.consentPrompted() ? Uni.createFrom().item(true)
                : client.firstParty() ? Uni.createFrom().item(false)
                : sessions.consented(signedIn.sid(), client.clientId(), ScopePolicy.parse(request.scope())).map(given -> !given);
        return consentNeeded.flatMap(needed -> {
            if (!needed) {
                return responses.answer(request, client, user);
            }
            if (validated.silent()) {
                return Uni.createFrom().item(responses.refuse(request, OAuthError.CONSENT_REQUIRED, "the user must allow the client"));
            }
            return pending.start(request, browser, user).map(started -> Pages.consent(client, started));
        });
    }
}
