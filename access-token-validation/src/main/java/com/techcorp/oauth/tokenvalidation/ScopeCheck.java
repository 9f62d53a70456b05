package com.techcorp.oauth.tokenvalidation;

import com.techcorp.oauth.jsonerrors.Bearer;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.filters.FilterUtil;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Enforces {@link RequiresScope}: authenticates the bearer token (SmallRye JWT against the JWKS, plus
 * the RFC 9068 typ check of {@link VerifiedTokenCache}) and checks the scopes, answering every failure with its RFC 6750 §3
 * challenge: no token → 401 bare; a token that does not verify → 401 invalid_token; a valid token
 * without the scope → 403 insufficient_scope.
 */
public class ScopeCheck {

    private final CurrentIdentityAssociation identities;
    private final Caller caller;

    private final VerifiedTokenCache verified;
    private final SigningKeys keys;
    private final RevocationLists revocations;

    public ScopeCheck(CurrentIdentityAssociation identities, Caller caller, VerifiedTokenCache verified, SigningKeys keys,
                      RevocationLists revocations) {
        this.identities = identities;
        this.caller = caller;
        this.verified = verified;
        this.keys = keys;
        this.revocations = revocations;
    }

    /**
     * Decides synchronously when it can, a Uni only for a token not yet verified: a filter that
     * returns a Uni pays for it on every request (its operators, each wrapped by context
     * propagation), and most requests carry a token verified a moment ago.
     */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void check(ResteasyReactiveContainerRequestContext request, ResourceInfo resource) {
        RequiresScope required = required(resource);
        if (required == null) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            request.abortWith(BearerChallenges.missingToken());
            return;
        }
        // A token verified a moment ago is decided here and now: the security framework's way (the
        // mechanism, the identity providers, the augmentors, each a step of its own) cost more than
        // the rest of the request under load. Any other token takes that way and, once verified,
        // is in the cache for the next call.
        JsonWebToken known = verified.known(Bearer.token(authorization));
        if (known != null) {
            Response refusal = decide(known, known.getGroups(), required);
            if (refusal != null) {
                request.abortWith(refusal);
            }
            return;
        }
        // A key this service has not seen yet may just have been published: learn it first (bounded
        // by the fetch timeout), off the verification itself, which never waits.
        VerifiedTokenCache.Header header = VerifiedTokenCache.Header.read(Bearer.token(authorization));
        FilterUtil.handleUniResponse(keys.await(header == null ? null : header.keyId())
                .chain(identities::getDeferredIdentity)
                .map(identity -> identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                        ? BearerChallenges.invalidToken()
                        : decide(token, identity.getRoles(), required))
                .onFailure().recoverWithItem(e -> BearerChallenges.invalidToken()), request);
    }

    private Response decide(JsonWebToken token, java.util.Set<String> scopes, RequiresScope required) {
        // Revoked at the auth-service (its security events): as invalid as a bad signature, on the
        // fast path of a token verified a moment ago too.
        if (revocations.revoked(token)) {
            return BearerChallenges.invalidToken();
        }
        boolean granted = Arrays.stream(required.value()).allMatch(scopes::contains);
        if (!granted) {
            return BearerChallenges.insufficientScope(String.join(" ", required.value()));
        }
        caller.set(token);
        return null;
    }

    private static RequiresScope required(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        RequiresScope onMethod = method.getAnnotation(RequiresScope.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RequiresScope.class);
    }
}
