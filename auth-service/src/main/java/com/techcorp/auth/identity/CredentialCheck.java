package com.techcorp.auth.identity;

import com.techcorp.auth.ratelimit.AttemptLimiter;
import com.techcorp.oauth.jsonerrors.PlainText;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * A user's username and password checked, for every way of signing in (password grant, sign-in
 * page): bounded where they enter, counted against the attempt limits before the identity-service
 * hashes anything, and the count handed back when the password was right or the check could not
 * be made (busy or down is not a failed guess).
 */
@ApplicationScoped
public class CredentialCheck {

    private final AttemptLimiter limiter;
    private final IdentityClient identity;

    public CredentialCheck(AttemptLimiter limiter, IdentityClient identity) {
        this.limiter = limiter;
        this.identity = identity;
    }

    /** @return the user, or empty for wrong credentials of any kind; fails with 429 or 503 */
    public Uni<Optional<VerifiedUser>> check(String username, String password, String clientAddress) {
        if (username.length() > IdentityClient.MAX_USERNAME || !PlainText.is(username)
                || password.length() > IdentityClient.MAX_PASSWORD) {
            // Nobody has such a username or password: wrong, without a call, a count or a hash.
            return Uni.createFrom().item(Optional.empty());
        }
        return limiter.login(username, clientAddress).flatMap(reservation -> identity.verify(username, password, clientAddress)
                .call(user -> user.isPresent() ? reservation.release() : Uni.createFrom().voidItem())
                .onFailure().call(reservation::release));
    }
}
