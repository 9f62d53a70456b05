package com.techcorp.identity.credentials;

import com.techcorp.identity.config.IdentityConfig;
import com.techcorp.identity.lockout.LoginSource;
import com.techcorp.identity.password.HashingAdmission;
import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.oauth.jsonerrors.PlainText;
import com.techcorp.oauth.tokenvalidation.RequiresScope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.regex.Pattern;

/**
 * Password verification for the auth-service (scope {@code identity:verify}). 200 with the user's
 * claims, or one uniform 400 {@code invalid_credentials} whatever the cause; 503 with Retry-After
 * when every hashing thread is taken, so a burst is refused at once rather than queued into the
 * caller's timeout.
 */
@Path("/v1/credentials/verify")
@RequiresScope("identity:verify")
public class CredentialsResource {

    /**
     * What a username can be (the admin API creates none other): ASCII letters, digits, . _ -, at most
     * 64 (users.username is varchar(64)). Anything else names nobody, and must not be looked up: the
     * database lower-cases some non-ASCII letters differently from Java (İ → i), so a look-alike
     * would find the account under a lockout key of its own.
     */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** An address as text: IPv6 with a zone at most. */
    private static final int MAX_ADDRESS = 64;

    private final CredentialsService service;
    private final int maxPassword;

    public CredentialsResource(CredentialsService service, IdentityConfig config) {
        this.service = service;
        this.maxPassword = config.passwords().maxLength();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> verify(CredentialsRequest request) {
        if (request == null || blank(request.username()) || blank(request.password())) {
            throw ApiError.badRequest("invalid_request", "username and password are required");
        }
        if (!USERNAME.matcher(request.username()).matches() || request.password().length() > maxPassword) {
            // No such user can exist: refused like any wrong password, without paying for a hash.
            return Uni.createFrom().item(failure());
        }
        String address = request.clientAddress() != null && PlainText.is(request.clientAddress(), MAX_ADDRESS)
                ? request.clientAddress() : null;
        return service.verify(request.username(), request.password(), LoginSource.of(address))
                .map(user -> user.map(u -> Response.ok(u).header(HttpHeaders.CACHE_CONTROL, "no-store").build())
                        .orElseGet(CredentialsResource::failure))
                .onFailure(HashingAdmission.Busy.class).recoverWithItem(() -> Response.fromResponse(
                                ApiError.response(503, "temporarily_unavailable", "every hashing thread is busy, retry shortly"))
                        .header("Retry-After", "1").build());
    }

    private static Response failure() {
        return ApiError.response(400, "invalid_credentials", "the username or password is incorrect");
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
