package com.techcorp.portal.employee;

import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.oauth.tokenvalidation.Caller;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.UUID;

/**
 * The employee a request speaks for: always the subject of its access token, never anything the
 * request says, so nobody can read another employee's records. A token without a user (client
 * credentials) has no employee and is refused.
 */
@RequestScoped
@Unremovable
public class Employee {

    private final Caller caller;

    public Employee(Caller caller) {
        this.caller = caller;
    }

    public UUID subject() {
        JsonWebToken token = caller.token();
        String subject = token.getSubject();
        String clientId = token.getClaim("client_id");
        if (subject == null || subject.equals(clientId) || token.getClaim("preferred_username") == null) {
            throw forbidden();
        }
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            throw forbidden();
        }
    }

    private static WebApplicationException forbidden() {
        return new WebApplicationException(ApiError.response(403, "access_denied",
                "these records belong to an employee: a user's access token is required"));
    }
}
