package com.techcorp.auth.authorize;

import com.techcorp.auth.audit.AuditLog;
import com.techcorp.auth.authorize.PendingAuthorizations.Pending;
import com.techcorp.auth.authorize.PendingAuthorizations.SignedInUser;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.identity.CredentialCheck;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.identity.VerifiedUser;
import com.techcorp.auth.session.SessionCookie;
import com.techcorp.auth.session.SignOnSession;
import com.techcorp.auth.session.SignOnSessions;
import com.techcorp.auth.support.ClientAddress;
import com.techcorp.oauth.jsonerrors.PlainText;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/**
 * The sign-in form's post: the password is checked by the identity-service exactly as for the
 * password grant ({@link CredentialCheck}: the same limits, lockout and answers). A first-party
 * client gets its answer at once; any other (or any, with prompt=consent), the consent page. The
 * browser's sign-on session starts here. Whatever fails, the form comes
 * back with what was typed (a username only when it could be one) but never the password.
 */
@Path("/oauth/authorize/login")
public class SignInResource {

    private final FormPosts posts;
    private final PendingAuthorizations pending;
    private final CredentialCheck credentials;
    private final AuthorizationResponses responses;
    private final SignOnSessions sessions;
    private final SessionCookie sessionCookie;

    public SignInResource(FormPosts posts, PendingAuthorizations pending, CredentialCheck credentials, AuthorizationResponses responses,
                          SignOnSessions sessions, SessionCookie sessionCookie) {
        this.sessions = sessions;
        this.sessionCookie = sessionCookie;
        this.posts = posts;
        this.pending = pending;
        this.credentials = credentials;
        this.responses = responses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> login(MultivaluedMap<String, String> form, @CookieParam(FormPosts.BINDING_COOKIE) String binding,
                               @Context HttpServerRequest http) {
        String address = ClientAddress.of(http);
        String username = FormPosts.single(form, "username");
        String password = FormPosts.single(form, "password");
        String shown = username != null && PlainText.is(username, IdentityClient.MAX_USERNAME) ? username : null;
        return posts.check(form, binding, false).flatMap(p -> {
            if (p.refusal() != null) {
                return Uni.createFrom().item(p.refusal());
            }
            Pending request = p.pending();
            Client client = p.client();
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                return again(400, client, request, shown, "Enter your username and password.");
            }
            return credentials.check(username, password, address)
                    .flatMap(user -> {
                        if (user.isEmpty()) {
                            AuditLog.refused(GrantTypes.AUTHORIZATION_CODE, client.clientId(), "invalid_credentials");
                            return again(401, client, request, shown, Pages.BAD_CREDENTIALS);
                        }
                        return signedIn(request, client, user.get(), sessionCookie.read(http), http, address);
                    })
                    .onFailure().recoverWithUni(e -> refused(e, client, request, shown));
        }).onFailure(Unavailable::is).recoverWithItem(e -> {
            Log.warnf("sign-in page: a dependency is unavailable: %s", Unavailable.rootCause(e));
            return Pages.unavailable();
        });
    }

    /**
     * The password was right: the browser's sign-on session is this user's from now on (the same
     * session, signed in again, if it already was; a new one otherwise, and another user's ends).
     */
    private Uni<Response> signedIn(Pending request, Client client, VerifiedUser verified, String oldCookie, HttpServerRequest http,
                                   String address) {
        long authTime = Instant.now().getEpochSecond();
        return sessions.find(oldCookie).flatMap(old -> {
            if (old.isPresent() && old.get().subject().equals(verified.subject())) {
                return sessions.reauthenticated(old.get(), verified.username(), verified.groups(), authTime)
                        .flatMap(renewed -> renewed.isPresent() ? Uni.createFrom().item(renewed.get()) : newSession(verified, authTime, http, address));
            }
            Uni<Boolean> ended = old.isPresent() ? sessions.end(old.get().sid()) : Uni.createFrom().item(false);
            return ended.chain(() -> newSession(verified, authTime, http, address));
        }).flatMap(established -> {
            SignOnSession session = established.session();
            SignedInUser user = new SignedInUser(verified.subject(), verified.username(), verified.groups(), authTime, session.sid());
            Uni<Response> answer = client.firstParty() && !request.request().consentPrompted()
                    ? responses.complete(request.id(), client, user)
                    : pending.signIn(request, user).map(saved -> saved.isEmpty() ? Pages.expired() : Pages.consent(client, saved.get()));
            return answer.map(page -> Response.fromResponse(page).cookie(sessionCookie.issue(established.cookieValue())).build());
        });
    }

    private Uni<SignOnSessions.Created> newSession(VerifiedUser verified, long authTime, HttpServerRequest http, String address) {
        return sessions.create(verified.subject(), verified.username(), verified.groups(), authTime, device(http), address);
    }

    /** The browser's own description, to tell a user's sessions apart in the admin API: printable and bounded, or nothing. */
    private static String device(HttpServerRequest http) {
        String agent = http.getHeader("User-Agent");
        if (agent == null) {
            return null;
        }
        String bounded = agent.length() > 200 ? agent.substring(0, 200) : agent;
        return PlainText.is(bounded, 200) ? bounded : null;
    }

    /** Too many attempts (429) or signing in unavailable (503): the form again, with Retry-After. */
    private Uni<Response> refused(Throwable e, Client client, Pending request, String shown) {
        if (e instanceof OAuthException failure && failure.error() == OAuthError.TOO_MANY_ATTEMPTS) {
            return again(429, client, request, shown, "Too many attempts. Wait a minute and try again.")
                    .map(page -> Pages.retryAfter(page, failure.retryAfterSeconds()));
        }
        if (Unavailable.is(e) || e instanceof OAuthException failure && failure.error() == OAuthError.TEMPORARILY_UNAVAILABLE) {
            Log.warnf("sign-in page: a dependency is unavailable: %s", Unavailable.rootCause(e));
            long seconds = e instanceof OAuthException busy && busy.retryAfterSeconds() > 0 ? busy.retryAfterSeconds() : Unavailable.RETRY_AFTER_SECONDS;
            return again(503, client, request, shown, Pages.UNAVAILABLE).map(page -> Pages.retryAfter(page, seconds));
        }
        return Uni.createFrom().failure(e);
    }

    private static Uni<Response> again(int status, Client client, Pending request, String username, String error) {
        return Uni.createFrom().item(Pages.html(status, Pages.Templates.login(FormPosts.displayName(client), request.id(),
                request.csrfToken(), username, error)).build());
    }
}
