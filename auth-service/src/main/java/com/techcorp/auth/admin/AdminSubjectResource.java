package com.techcorp.auth.admin;

import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.securityevents.Revocations;
import com.techcorp.auth.session.SignOnSessions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Revokes every access token of a subject (a user) issued until now, here and at every resource
 * server, and ends their sign-on sessions: "sign out everywhere", and what the identity-service calls when it disables a user
 * (its own client holds the narrow scope {@code auth:revoke-subject}, not {@code auth:admin}).
 */
@Path("/admin/subjects")
@AdminOnly({AdminTokenFilter.ADMIN_SCOPE, AdminSubjectResource.REVOKE_SCOPE})
@Produces(MediaType.APPLICATION_JSON)
public class AdminSubjectResource {

    static final String REVOKE_SCOPE = "auth:revoke-subject";
    /** A user's stable id (a UUID at the identity-service) or a client id: printable, bounded. */
    static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

    private final Revocations revocations;
    private final SignOnSessions sessions;

    public AdminSubjectResource(Revocations revocations, SignOnSessions sessions) {
        this.revocations = revocations;
        this.sessions = sessions;
    }

    @POST
    @Path("{subject}/revoke-tokens")
    public Uni<Map<String, Object>> revokeTokens(@PathParam("subject") String subject) {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw OAuthError.INVALID_REQUEST.exception("not a subject identifier");
        }
        Instant now = Instant.now();
        // A user signed out everywhere (or disabled) keeps no sign-on session either.
        return revocations.subject(subject, now.plusSeconds(1))
                .call(() -> sessions.endAll(subject, false))
                .invoke(() -> Log.infof("subject %s: tokens issued so far revoked, sign-on sessions ended", subject))
                .map(ignored -> Map.of("sub", subject, "issued_before", now.getEpochSecond() + 1));
    }
}
