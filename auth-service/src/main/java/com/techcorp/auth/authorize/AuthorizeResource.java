package com.techcorp.auth.authorize;

import com.techcorp.auth.audit.AuditLog;
import com.techcorp.auth.authorize.PendingAuthorizations.Pending;
import com.techcorp.auth.authorize.PendingAuthorizations.SignedInUser;
import com.techcorp.auth.client.Client;
import com.techcorp.auth.client.ClientRegistry;
import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.grant.ScopePolicy;
import com.techcorp.auth.grant.GrantTypes;
import com.techcorp.auth.grant.UserTokenIssuer;
import com.techcorp.auth.identity.CredentialCheck;
import com.techcorp.auth.identity.IdentityClient;
import com.techcorp.auth.ratelimit.AttemptLimiter;
import com.techcorp.auth.support.ClientAddress;
import com.techcorp.auth.support.RandomTokens;
import com.techcorp.auth.support.UrlEncodedForm;
import com.techcorp.auth.token.FormParameters;
import com.techcorp.auth.token.IssuedToken;
import com.techcorp.auth.token.OAuthError;
import com.techcorp.auth.token.OAuthException;
import com.techcorp.oauth.jsonerrors.PlainText;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1, §4.2; RFC 7636; RFC 9207) and its sign-in and
 * consent pages. The client and its redirect URI are checked before anything else: until both are
 * known good, errors are a page here and never a redirect (§4.1.2.1), so the endpoint cannot be
 * used as an open redirector. After that, errors go back to the client with {@code state} and
 * {@code iss}. The password is checked by the identity-service, as for the password grant.
 */
@Path("/oauth/authorize")
public class AuthorizeResource {

    static final String BINDING_COOKIE = "authz_binding";
    /** Clients use state as an opaque nonce or a small encoded value; it is stored while the user signs in. */
    private static final int MAX_STATE = 1024;
    /** One message for an unknown user and a wrong password, as at the token endpoint. */
    private static final String BAD_CREDENTIALS = "The username or password is incorrect.";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String clientName, String requestId, String csrfToken, String username, String error);

        static native TemplateInstance consent(String clientName, String requestId, String csrfToken, String username, List<String> scopes);

        static native TemplateInstance problem(String title, String message);
    }

    private final ClientRegistry clients;
    private final ScopePolicy scopes;
    private final PendingAuthorizations pending;
    private final AuthorizationCodes codes;
    private final CredentialCheck credentials;
    private final AttemptLimiter limiter;
    private final UserTokenIssuer tokens;
    private final String issuer;
    private final boolean secureCookies;

    public AuthorizeResource(ClientRegistry clients, ScopePolicy scopes, PendingAuthorizations pending, AuthorizationCodes codes,
                             CredentialCheck credentials, AttemptLimiter limiter, UserTokenIssuer tokens, AuthConfig config) {
        this.clients = clients;
        this.scopes = scopes;
        this.pending = pending;
        this.codes = codes;
        this.credentials = credentials;
        this.limiter = limiter;
        this.tokens = tokens;
        this.issuer = config.issuer();
        this.secureCookies = config.issuer().startsWith("https:");
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> authorize(@Context HttpServerRequest http, @CookieParam(BINDING_COOKIE) String binding) {
        String address = ClientAddress.of(http);
        MultivaluedMap<String, String> query;
        try {
            query = UrlEncodedForm.parse(http.query());
        } catch (UrlEncodedForm.Malformed e) {
            return page(400, "Invalid request", "The request is malformed.");
        }
        if (repeated(query, "client_id") || repeated(query, "redirect_uri")) {
            return page(400, "Invalid request", "The request names more than one client_id or redirect_uri.");
        }
        String clientId = nonEmpty(query.getFirst("client_id"));
        if (clientId == null || !Client.ID.matcher(clientId).matches()) {
            return page(400, "Unknown application", "The application that sent you here is not registered.");
        }
        return clients.find(clientId)
                .flatMap(found -> validate(query, found, binding, address))
                .onFailure(Unavailable::is).recoverWithUni(this::unavailable);
    }

    private Uni<Response> validate(MultivaluedMap<String, String> query, Optional<Client> found, String binding, String address) {
        if (found.isEmpty() || !found.get().enabled()) {
            return page(400, "Unknown application", "The application that sent you here is not registered.");
        }
        Client client = found.get();
        String requested = nonEmpty(query.getFirst("redirect_uri"));
        // RFC 6749 §3.1.2.3: without redirect_uri, only a client with exactly one registered URI; with
        // one, simple string comparison against the registered URIs (RFC 9700 §4.1.1), nothing looser.
        String redirectUri;
        if (requested == null) {
            if (client.redirectUris().size() != 1) {
                return page(400, "Invalid request", "The request must name its redirect_uri.");
            }
            redirectUri = client.redirectUris().get(0);
        } else if (client.redirectUris().contains(requested)) {
            redirectUri = requested;
        } else {
            return page(400, "Invalid redirect", "The redirect_uri is not registered for this application.");
        }
        boolean implicit = AuthorizationRequest.TOKEN.equals(query.getFirst("response_type"));
        String state = repeated(query, "state") ? null : nonEmpty(query.getFirst("state"));
        if (state != null && state.length() > MAX_STATE) {
            return done(new AuthorizationRedirect(redirectUri, null, implicit, issuer).error("invalid_request", "state is too long"));
        }
        AuthorizationRedirect back = new AuthorizationRedirect(redirectUri, state, implicit, issuer);
        // §3.1: a parameter sent without a value is as if omitted; none may be sent twice.
        Map<String, String> params;
        try {
            params = FormParameters.single(query);
        } catch (OAuthException e) {
            return done(back.error(e.error().code(), e.description()));
        }
        String responseType = params.get("response_type");
        if (responseType == null) {
            return done(back.error("invalid_request", "response_type is required"));
        }
        if (!implicit && !AuthorizationRequest.CODE.equals(responseType)) {
            return done(back.error("unsupported_response_type", "response_type must be code"));
        }
        if (!client.allowsGrant(implicit ? GrantTypes.IMPLICIT : GrantTypes.AUTHORIZATION_CODE)) {
            return done(back.error("unauthorized_client", "the client is not registered for this response_type"));
        }
        Set<String> granted;
        try {
            granted = scopes.grant(params.get("scope"), client.allowedScopes(), client.defaultScopes());
        } catch (OAuthException e) {
            return done(back.error(e.error().code(), e.description()));
        }
        String challenge = implicit ? null : params.get("code_challenge");
        String method = implicit ? null : params.get("code_challenge_method");
        if (challenge == null) {
            if (method != null) {
                return done(back.error("invalid_request", "code_challenge_method without code_challenge"));
            }
            if (!implicit && !client.confidential()) {
                return done(back.error("invalid_request", "code_challenge is required (PKCE with S256)"));
            }
        } else {
            // RFC 7636 §4.3: an absent method means plain, which is refused unless the client is registered for it.
            method = method == null ? Pkce.PLAIN : method;
            if (Pkce.PLAIN.equals(method) && !client.plainPkceAllowed()) {
                return done(back.error("invalid_request", "code_challenge_method plain is not allowed; use S256"));
            }
            if (!Pkce.S256.equals(method) && !Pkce.PLAIN.equals(method)) {
                return done(back.error("invalid_request", "code_challenge_method must be S256"));
            }
            if (!Pkce.validChallenge(method, challenge)) {
                return done(back.error("invalid_request", "code_challenge is malformed"));
            }
        }
        AuthorizationRequest request = new AuthorizationRequest(client.clientId(), redirectUri, requested != null, responseType,
                String.join(" ", granted), state, challenge, challenge == null ? null : method);
        String browser = RandomTokens.isOf32Bytes(binding) ? binding : RandomTokens.of32Bytes();
        // Each request is held in Redis while the user signs in: a flood from one address is refused.
        return limiter.authorizationRequest(address).flatMap(counted -> pending.start(request, browser)).map(started -> html(200, Templates.login(displayName(client), started.id(),
                        started.csrfToken(), null, null))
                .cookie(new NewCookie.Builder(BINDING_COOKIE).value(browser).path("/oauth/authorize").httpOnly(true)
                        .secure(secureCookies).sameSite(NewCookie.SameSite.LAX).build())
                .build())
                .onFailure(OAuthException.class).recoverWithItem(e -> ((OAuthException) e).error() == OAuthError.TOO_MANY_ATTEMPTS
                        ? retryAfter(problem(429, "Too many requests", "Too many sign-in requests from your network. Wait a minute and try again."),
                                ((OAuthException) e).retryAfterSeconds())
                        : problem(400, "Invalid request", "The request could not be completed."));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> login(MultivaluedMap<String, String> form, @CookieParam(BINDING_COOKIE) String binding,
                               @Context HttpServerRequest http) {
        String address = ClientAddress.of(http);
        String username = single(form, "username");
        String password = single(form, "password");
        // What was typed is shown again only when it could be a username.
        String shown = username != null && PlainText.is(username, IdentityClient.MAX_USERNAME) ? username : null;
        return verifiedPost(form, binding, false).flatMap(p -> {
            if (p.response() != null) {
                return done(p.response());
            }
            Pending request = p.pending();
            Client client = p.client();
            if (username == null || username.isBlank() || password == null || password.isEmpty()) {
                return loginAgain(400, client, request, shown, "Enter your username and password.");
            }
            return credentials.check(username, password, address)
                    .flatMap(user -> {
                        if (user.isEmpty()) {
                            AuditLog.refused(GrantTypes.AUTHORIZATION_CODE, client.clientId(), "invalid_credentials");
                            return loginAgain(401, client, request, shown, BAD_CREDENTIALS);
                        }
                        SignedInUser signedIn = new SignedInUser(user.get().subject(), user.get().username(), user.get().groups());
                        if (client.firstParty()) {
                            return complete(request.id(), client, signedIn);
                        }
                        return pending.signIn(request, signedIn).map(saved -> saved.isEmpty() ? expired()
                                : html(200, Templates.consent(displayName(client), saved.get().id(), saved.get().csrfToken(),
                                        signedIn.username(), List.copyOf(ScopePolicy.parse(saved.get().request().scope())))).build());
                    })
                    .onFailure().recoverWithUni(e -> {
                        // The form stays, with what was typed but the password, so the user can try again.
                        if (e instanceof OAuthException failure && failure.error() == OAuthError.TOO_MANY_ATTEMPTS) {
                            return loginAgain(429, client, request, shown, "Too many attempts. Wait a minute and try again.")
                                    .map(page -> retryAfter(page, failure.retryAfterSeconds()));
                        }
                        if (Unavailable.is(e) || e instanceof OAuthException failure && failure.error() == OAuthError.TEMPORARILY_UNAVAILABLE) {
                            Log.warnf("sign-in page: a dependency is unavailable: %s", Unavailable.rootCause(e));
                            long seconds = e instanceof OAuthException busy && busy.retryAfterSeconds() > 0 ? busy.retryAfterSeconds() : 5;
                            return loginAgain(503, client, request, shown, "Signing in is unavailable right now. Try again shortly.")
                                    .map(page -> retryAfter(page, seconds));
                        }
                        return Uni.createFrom().failure(e);
                    });
        }).onFailure(Unavailable::is).recoverWithUni(this::unavailable);
    }

    @POST
    @Path("consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> consent(MultivaluedMap<String, String> form, @CookieParam(BINDING_COOKIE) String binding) {
        return verifiedPost(form, binding, true).flatMap(p -> {
            if (p.response() != null) {
                return done(p.response());
            }
            if ("allow".equals(single(form, "decision"))) {
                return complete(p.pending().id(), p.client(), p.pending().user());
            }
            return pending.consume(p.pending().id()).map(taken -> redirect(p.pending().request()).error("access_denied",
                    "the user denied the request"));
        }).onFailure(Unavailable::is).recoverWithUni(this::unavailable);
    }

    /** A form post checked: its request is pending, posted by the same browser with our CSRF token, its client still enabled. */
    private record Checked(Pending pending, Client client, Response response) {
    }

    private Uni<Checked> verifiedPost(MultivaluedMap<String, String> form, String binding, boolean needsUser) {
        String id = single(form, "request");
        String csrf = single(form, "csrf_token");
        return pending.find(id).flatMap(found -> {
            if (found.isEmpty() || needsUser && found.get().user() == null) {
                return done(new Checked(null, null, expired()));
            }
            if (!found.get().postedBy(binding, csrf)) {
                Log.warnf("authorization form for client %s refused: CSRF token or browser binding missing or wrong",
                        found.get().request().clientId());
                return done(new Checked(null, null, problem(403, "Form not accepted",
                        "This form could not be verified (CSRF check). Return to the application and sign in again.")));
            }
            return clients.find(found.get().request().clientId()).map(client -> client.isPresent() && client.get().enabled()
                    ? new Checked(found.get(), client.get(), null)
                    : new Checked(null, null, problem(400, "Unknown application", "The application is no longer registered.")));
        });
    }

    /** Takes the request out of the pending ones and answers the client: a code, or the implicit grant's token. */
    private Uni<Response> complete(String pendingId, Client client, SignedInUser user) {
        return pending.consume(pendingId).flatMap(taken -> {
            if (taken.isEmpty()) {
                return done(problem(400, "Sign-in expired", "This sign-in request was already completed. Return to the application."));
            }
            AuthorizationRequest request = taken.get().request();
            if (!client.redirectUris().contains(request.redirectUri())) {
                return done(problem(400, "Invalid redirect", "The application's redirect_uri is no longer registered."));
            }
            AuthorizationRedirect back = redirect(request);
            // The registration may have changed while the user was signing in: it is what counts now.
            if (!client.allowsGrant(request.implicit() ? GrantTypes.IMPLICIT : GrantTypes.AUTHORIZATION_CODE)) {
                return done(back.error("unauthorized_client", "the client is no longer registered for this response_type"));
            }
            if (!client.allowedScopes().containsAll(ScopePolicy.parse(request.scope()))) {
                return done(back.error("invalid_scope", "the client is no longer allowed this scope"));
            }
            if (request.implicit()) {
                // RFC 6749 §4.2.2: an access token in the fragment, never a refresh token.
                IssuedToken token = tokens.mint(client, user.subject(), user.username(), user.groups(), ScopePolicy.parse(request.scope()));
                Map<String, String> answer = new LinkedHashMap<>();
                answer.put("access_token", token.value());
                answer.put("token_type", "Bearer");
                answer.put("expires_in", Long.toString(token.expiresIn()));
                answer.put("scope", token.scope());
                return done(back.success(answer));
            }
            var grant = new AuthorizationCodes.CodeGrant(client.clientId(), request.redirectUri(), request.redirectUriGiven(),
                    request.scope(), user.subject(), user.username(), user.groups(), request.codeChallenge(), request.codeChallengeMethod());
            return codes.issue(grant).map(code -> back.success(Map.of("code", code)));
        });
    }

    private static Response expired() {
        return problem(400, "Sign-in expired",
                "This sign-in request has expired or was already used. Return to the application and sign in again.");
    }

    private static boolean repeated(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values != null && values.size() > 1;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private AuthorizationRedirect redirect(AuthorizationRequest request) {
        return new AuthorizationRedirect(request.redirectUri(), request.state(), request.implicit(), issuer);
    }

    private Uni<Response> loginAgain(int status, Client client, Pending request, String username, String error) {
        return done(html(status, Templates.login(displayName(client), request.id(), request.csrfToken(), username, error)).build());
    }

    private Uni<Response> unavailable(Throwable e) {
        Log.warnf("authorization endpoint: a dependency is unavailable: %s", Unavailable.rootCause(e));
        return done(retryAfter(problem(503, "Temporarily unavailable", "Signing in is unavailable right now. Try again shortly."), 5));
    }

    private static Response retryAfter(Response page, long seconds) {
        return Response.fromResponse(page).header("Retry-After", Math.max(1, seconds)).build();
    }

    private static Uni<Response> page(int status, String title, String message) {
        return done(problem(status, title, message));
    }

    private static Response problem(int status, String title, String message) {
        return html(status, Templates.problem(title, message)).build();
    }

    /**
     * Pages of the sign-in flow are never cached, never framed (clickjacking), and never leak their
     * URL to another site. Referrer-Policy is same-origin, not no-referrer: under no-referrer the
     * browser posts the form with {@code Origin: null}, which the CORS filter refuses.
     */
    private static Response.ResponseBuilder html(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
                .header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff");
    }

    private static String displayName(Client client) {
        return client.name() == null || client.name().isBlank() ? client.clientId() : client.name();
    }

    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }

    private static <T> Uni<T> done(T value) {
        return Uni.createFrom().item(value);
    }
}
