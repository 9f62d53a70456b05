package com.techcorp.oauth.tokenvalidation;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

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

    public ScopeCheck(CurrentIdentityAssociation identities, Caller caller) {
        this.identities = identities;
        this.caller = caller;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        RequiresScope required = required(resource);
        if (required == null) {
            return Uni.createFrom().nullItem();
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().item(BearerChallenges.missingToken());
        }
        return identities.getDeferredIdentity()
                .map(identity -> decide(identity, required))
                .onFailure().recoverWithItem(e -> BearerChallenges.invalidToken());
    }

    private Response decide(SecurityIdentity identity, RequiresScope required) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return BearerChallenges.invalidToken();
        }
        boolean granted = Arrays.stream(required.value()).allMatch(identity::hasRole);
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
