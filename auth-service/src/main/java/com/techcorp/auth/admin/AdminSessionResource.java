package com.techcorp.auth.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.session.SignOnSession;
import com.techcorp.auth.session.SignOnSessions;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user's sign-on sessions, listed and ended by an administrator ({@code auth:admin}). Ending a
 * session revokes the grants issued through it, as signing out does.
 */
@Path("/admin/sessions")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class AdminSessionResource {

    /** A session as the admin API shows it: never its cookie or the cookie's hash. */
    public record SessionView(@JsonProperty("sid") String sid, @JsonProperty("sub") String subject,
                              @JsonProperty("username") String username, @JsonProperty("auth_time") Instant authTime,
                              @JsonProperty("expires_at") Instant expiresAt, @JsonProperty("device") String device,
                              @JsonProperty("address") String address) {
        static SessionView of(SignOnSession s) {
            return new SessionView(s.sid(), s.subject(), s.username(), Instant.ofEpochSecond(s.authTime()),
                    Instant.ofEpochSecond(s.expiresAt()), s.device(), s.address());
        }
    }

    private final SignOnSessions sessions;

    public AdminSessionResource(SignOnSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    public Uni<List<SessionView>> list(@QueryParam("sub") String subject) {
        return sessions.of(checked(subject)).map(list -> list.stream().map(SessionView::of).toList());
    }

    /** Signs the user out everywhere: every session ends. */
    @DELETE
    public Uni<Map<String, Object>> endAll(@QueryParam("sub") String subject) {
        String checked = checked(subject);
        return sessions.endAll(checked, true).map(ended -> Map.of("sub", checked, "ended", ended));
    }

    @DELETE
    @Path("{sid}")
    public Uni<Response> end(@PathParam("sid") String sid) {
        return sessions.end(sid).map(ended -> {
            if (!ended) {
                throw OAuthError.NOT_FOUND.exception("no live session with this sid");
            }
            return Response.noContent().build();
        });
    }

    private static String checked(String subject) {
        if (subject == null || !AdminSubjectResource.SUBJECT.matcher(subject).matches()) {
            throw OAuthError.INVALID_REQUEST.exception("sub must name a user");
        }
        return subject;
    }
}
