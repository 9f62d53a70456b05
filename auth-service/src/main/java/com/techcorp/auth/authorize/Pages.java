package com.techcorp.auth.authorize;

import com.techcorp.auth.client.Client;
import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * The pages of the authorization endpoint (sign-in, consent, a problem) and the headers every one
 * of them carries: never cached, never framed (clickjacking), never leaking their URL to another
 * site. Referrer-Policy is same-origin, not no-referrer: under no-referrer the browser posts the
 * form with {@code Origin: null}, which the CORS filter refuses.
 */
final class Pages {

    /** One message for an unknown user and a wrong password, as at the token endpoint. */
    static final String BAD_CREDENTIALS = "The username or password is incorrect.";
    static final String UNAVAILABLE = "Signing in is unavailable right now. Try again shortly.";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String clientName, String requestId, String csrfToken, String username, String error);

        static native TemplateInstance consent(String clientName, String requestId, String csrfToken, String username, List<String> scopes);

        static native TemplateInstance problem(String title, String message);

        static native TemplateInstance logout(String username, String csrfToken, String clientId, String postLogoutRedirectUri, String state);

        static native TemplateInstance signedout();
    }

    private Pages() {
    }

    static Response.ResponseBuilder html(int status, TemplateInstance page) {
        return Response.status(status).entity(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Pragma", "no-cache")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
                .header("Referrer-Policy", "same-origin")
                .header("X-Content-Type-Options", "nosniff");
    }

    static Response problem(int status, String title, String message) {
        return html(status, Templates.problem(title, message)).build();
    }

    static Uni<Response> page(int status, String title, String message) {
        return Uni.createFrom().item(problem(status, title, message));
    }

    /** The consent page for a request whose user is known. */
    static Response consent(Client client, PendingAuthorizations.Pending request) {
        return html(200, Templates.consent(FormPosts.displayName(client), request.id(), request.csrfToken(), request.user().username(),
                List.copyOf(ScopePolicy.parse(request.request().scope())))).build();
    }

    static Response expired() {
        return problem(400, "Sign-in expired",
                "This sign-in request has expired or was already used. Return to the application and sign in again.");
    }

    static Response unavailable() {
        return retryAfter(problem(503, "Temporarily unavailable", UNAVAILABLE), Unavailable.RETRY_AFTER_SECONDS);
    }

    static Response retryAfter(Response page, long seconds) {
        return Response.fromResponse(page).header("Retry-After", Math.max(1, seconds)).build();
    }
}
