package com.techcorp.auth.authorize;

import com.techcorp.auth.scope.ScopePolicy;
import com.techcorp.auth.session.SignOnSessions;
import com.techcorp.oauth.jsonerrors.Unavailable;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/** The consent page's answer, for a client that is not first-party: allow gives the client its answer, anything else access_denied. */
@Path("/oauth/authorize/consent")
public class ConsentResource {

    private final FormPosts posts;
    private final AuthorizationResponses responses;
    private final SignOnSessions sessions;

    public ConsentResource(FormPosts posts, AuthorizationResponses responses, SignOnSessions sessions) {
        this.sessions = sessions;
        this.posts = posts;
        this.responses = responses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> consent(MultivaluedMap<String, String> form, @CookieParam(FormPosts.BINDING_COOKIE) String binding) {
        return posts.check(form, binding, true).flatMap(p -> {
            if (p.refusal() != null) {
                return Uni.createFrom().item(p.refusal());
            }
            if (!"allow".equals(FormPosts.single(form, "decision"))) {
                return responses.deny(p.pending());
            }
            // Allowed once, allowed for the rest of the sign-on session (unless the client asks again with prompt=consent).
            String sid = p.pending().user().sid();
            Uni<Void> remembered = sid == null ? Uni.createFrom().voidItem()
                    : sessions.consent(sid, p.client().clientId(), ScopePolicy.parse(p.pending().request().scope()));
            return remembered.chain(() -> responses.complete(p.pending().id(), p.client(), p.pending().user()));
        }).onFailure(Unavailable::is).recoverWithItem(e -> {
            Log.warnf("consent page: a dependency is unavailable: %s", Unavailable.rootCause(e));
            return Pages.unavailable();
        });
    }
}
