package com.techcorp.auth.authorize;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.error.OAuthException;
import com.techcorp.auth.session.SessionCookie;
import com.techcorp.auth.session.SignOnSession;
import com.techcorp.auth.session.SignOnSessions;
import com.techcorp.auth.support.FormParameters;
import com.techcorp.auth.support.Sha256;
import com.techcorp.auth.support.UrlEncodedForm;
import com.techcorp.auth.token.IdTokenHintVerifier;
import com.techcorp.oauth.jsonerrors.PlainText;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jose4j.jwt.JwtClaims;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * OpenID Connect RP-Initiated Logout 1.0: the end_session_endpoint. With an {@code id_token_hint}
 * this server issued, the session it names (and the browser's, when it is the same user's) ends at
 * once; without one, the user confirms on a page first, so that no other site can sign them out
 * with a link. Ending a session revokes the grants issued through it. The browser goes back to
 * {@code post_logout_redirect_uri} only when it is registered for the client, compared exactly;
 * otherwise it sees a page.
 */
@Path("/oauth/logout")
public class LogoutResource {

    /** A sign-out request once checked: where to go after, and the ID token that vouches for it (or null). */
    private record Checked(String clientId, String postLogoutRedirectUri, String state, JwtClaims hint, Response refusal) {
        static Checked refused(String message) {
            return new Checked(null, null, null, null, Pages.problem(400, "Invalid sign-out request", message));
        }
    }

    private final IdTokenHintVerifier hints;
    private final ClientRegistry clients;
    private final SignOnSessions sessions;
    private final SessionCookie sessionCookie;

    public LogoutResource(IdTokenHintVerifier hints, ClientRegistry clients, SignOnSessions sessions, SessionCookie sessionCookie) {
        this.hints = hints;
        this.clients = clients;
        this.sessions = sessions;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> get(@Context HttpServerRequest http) {
        try {
            return logout(UrlEncodedForm.parse(http.query()), http);
        } catch (UrlEncodedForm.Malformed e) {
            return Pages.page(400, "Invalid sign-out request", "The request is malformed.");
        }
    }

    /**
     * §2 allows POST. A client's page posting cross-site brings no SameSite=Lax cookie: without it
     * the browser's session could not be found and would outlive the "signed out" answer, so the
     * browser is sent to the GET, a top-level navigation that carries the cookie.
     */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> post(MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        if (sessionCookie.read(http) != null) {
            return logout(form, http);
        }
        Map<String, String> single;
        try {
            single = FormParameters.single(form);
        } catch (OAuthException e) {
            return Uni.createFrom().item(Checked.refused("The request repeats a parameter or has too many.").refusal());
        }
        StringBuilder query = new StringBuilder();
        single.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return Uni.createFrom().item(Response.seeOther(URI.create("/oauth/logout" + (query.isEmpty() ? "" : "?" + query)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build());
    }

    /** The confirmation page's post: only with the browser's session cookie and the token derived from it. */
    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> confirm(MultivaluedMap<String, String> form, @Context HttpServerRequest http) {
        String cookie = sessionCookie.read(http);
        String csrf = FormPosts.single(form, "csrf_token");
        if (cookie == null || csrf == null || !MessageDigest.isEqual(confirmation(cookie).getBytes(StandardCharsets.US_ASCII),
                csrf.getBytes(StandardCharsets.US_ASCII))) {
            return Pages.page(403, "Form not accepted", "This form could not be verified. You may already be signed out.");
        }
        MultivaluedMap<String, String> carried = new MultivaluedHashMap<>(form);
        carried.remove("id_token_hint");
        carried.remove("csrf_token");
        return check(carried).flatMap(checked -> checked.refusal() != null ? Uni.createFrom().item(checked.refusal())
                        : sessions.find(cookie).flatMap(session -> session.isPresent() ? sessions.end(session.get().sid())
                                : Uni.createFrom().item(false))
                        .map(ended -> signedOut(checked, true)))
                .onFailure(Unavailable::is).recoverWithItem(LogoutResource::unavailable);
    }

    private Uni<Response> logout(MultivaluedMap<String, String> params, HttpServerRequest http) {
        String cookie = sessionCookie.read(http);
        return check(params).flatMap(checked -> {
            if (checked.refusal() != null) {
                return Uni.createFrom().item(checked.refusal());
            }
            return sessions.find(cookie).flatMap(session -> {
                JwtClaims hint = checked.hint();
                if (hint == null) {
                    // Nobody vouches for this request: a link on another site must not sign the user out.
                    return Uni.createFrom().item(session.isEmpty() ? signedOut(checked, true) : confirmationPage(checked, session.get(), cookie));
                }
                // The hint vouches for the session it names, and for no other: a browser signed in again
                // since (a new session, even the same user's) is asked before that one ends too.
                String hintSid = hint.getClaimValueAsString("sid");
                boolean browsersOwn = session.isPresent() && session.get().sid().equals(hintSid);
                Uni<Boolean> named = hintSid == null ? Uni.createFrom().item(false) : sessions.end(hintSid);
                return named.map(ended -> session.isPresent() && !browsersOwn
                        ? confirmationPage(checked, session.get(), cookie)
                        : signedOut(checked, true));
            });
        }).onFailure(Unavailable::is).recoverWithItem(LogoutResource::unavailable);
    }

    /** §2: the hint must be ours, name the same client as client_id, and the redirect must be registered for that client. */
    private Uni<Checked> check(MultivaluedMap<String, String> params) {
        Map<String, String> single;
        try {
            single = FormParameters.single(params);
        } catch (OAuthException e) {
            return Uni.createFrom().item(Checked.refused("The request repeats a parameter or has too many."));
        }
        JwtClaims hint = null;
        if (single.containsKey("id_token_hint")) {
            Optional<JwtClaims> verified = hints.verify(single.get("id_token_hint"));
            if (verified.isEmpty()) {
                return Uni.createFrom().item(Checked.refused("The id_token_hint is not an ID token of this server."));
            }
            hint = verified.get();
        }
        String hintClient = hint == null ? null : audience(hint);
        String clientId = single.get("client_id");
        if (clientId != null && hintClient != null && !clientId.equals(hintClient)) {
            return Uni.createFrom().item(Checked.refused("The client_id is not the client the id_token_hint was issued to."));
        }
        String client = clientId != null ? clientId : hintClient;
        String state = single.get("state");
        if (state != null && !PlainText.is(state, AuthorizationRequests.MAX_STATE)) {
            return Uni.createFrom().item(Checked.refused("The state is too long or not text."));
        }
        String redirect = single.get("post_logout_redirect_uri");
        JwtClaims vouched = hint;
        if (redirect == null) {
            return Uni.createFrom().item(new Checked(client, null, state, vouched, null));
        }
        if (client == null || !Client.ID.matcher(client).matches()) {
            return Uni.createFrom().item(Checked.refused("A post_logout_redirect_uri needs the client: send id_token_hint or client_id."));
        }
        return clients.find(client).map(found -> found.isPresent() && found.get().enabled()
                && found.get().postLogoutRedirectUris().contains(redirect)
                ? new Checked(client, redirect, state, vouched, null)
                : Checked.refused("The post_logout_redirect_uri is not registered for this application."));
    }

    private Response confirmationPage(Checked checked, SignOnSession session, String cookie) {
        return Pages.html(200, Pages.Templates.logout(session.username(), confirmation(cookie), checked.clientId(),
                checked.postLogoutRedirectUri(), checked.state())).build();
    }

    /** Back to the client (with its state), or a page; the browser's cookie is cleared where its session ended. */
    private Response signedOut(Checked checked, boolean clearCookie) {
        Response.ResponseBuilder answer;
        if (checked.postLogoutRedirectUri() != null) {
            String uri = checked.postLogoutRedirectUri();
            if (checked.state() != null) {
                uri += (uri.contains("?") ? "&" : "?") + "state=" + URLEncoder.encode(checked.state(), StandardCharsets.UTF_8);
            }
            answer = Response.seeOther(URI.create(uri)).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Referrer-Policy", "no-referrer");
        } else {
            answer = Pages.html(200, Pages.Templates.signedout());
        }
        return clearCookie ? answer.cookie(sessionCookie.clear()).build() : answer.build();
    }

    /** The confirmation form's token: derived from the session cookie, which another site can neither read nor send with a post. */
    private static String confirmation(String cookie) {
        return Sha256.hex("logout", cookie);
    }

    private static String audience(JwtClaims claims) {
        try {
            return claims.getAudience().get(0);
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            return null;
        }
    }


    private static Response unavailable(Throwable e) {
        Log.warnf("sign-out: a dependency is unavailable: %s", Unavailable.rootCause(e));
        return Pages.unavailable();
    }
}
