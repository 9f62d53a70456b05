package com.techcorp.auth.scope;

import com.techcorp.auth.config.AuthConfig;
import com.techcorp.auth.error.OAuthError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Which scopes a request is granted (RFC 6749 §3.3) and which audiences they belong to. */
@ApplicationScoped
public class ScopePolicy {

    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
    private static final int MAX_SCOPES = 50;

    /** OpenID Connect Core §3.1.2.1: asks for an ID token (and its access token may read the userinfo endpoint). */
    public static final String OPENID = "openid";
    /** OpenID Connect Core §5.4: the user's name in the ID token and at userinfo. */
    public static final String PROFILE = "profile";

    private final Map<String, String> audiences;
    private final Map<String, Set<String>> userScopeGroups;

    public ScopePolicy(AuthConfig config) {
        this.audiences = Map.copyOf(config.scopeAudiences());
        Map<String, Set<String>> groups = new java.util.HashMap<>();
        config.userScopeGroups().forEach((scope, names) -> groups.put(scope, parse(names)));
        this.userScopeGroups = Map.copyOf(groups);
    }

    /**
     * Of the scopes a client may get for a user, those the user's groups entitle them to
     * ({@code auth.user-scope-groups}): the portal's clients may ask for hr:read, only HR gets it.
     */
    public Set<String> forUser(Set<String> scopes, java.util.List<String> groups) {
        Set<String> entitled = new LinkedHashSet<>();
        for (String scope : scopes) {
            Set<String> allowedGroups = userScopeGroups.get(scope);
            // openid and profile say who the user is: theirs to grant, whatever their groups.
            if (OPENID.equals(scope) || PROFILE.equals(scope) || allowedGroups != null && groups.stream().anyMatch(allowedGroups::contains)) {
                entitled.add(scope);
            }
        }
        return entitled;
    }

    /** Every scope this server knows; the metadata's {@code scopes_supported}. */
    public Set<String> known() {
        return new TreeSet<>(audiences.keySet());
    }

    /**
     * @param requested the {@code scope} parameter, or null
     * @param allowed   the most this request may get (the client's scopes, or a refresh token's)
     * @param defaults  what an omitted {@code scope} means
     */
    public Set<String> grant(String requested, Set<String> allowed, Set<String> defaults) {
        Set<String> scopes = requested == null ? new LinkedHashSet<>(defaults) : parse(requested);
        if (scopes.isEmpty()) {
            throw OAuthError.INVALID_SCOPE.exception("no scope was requested and the client has no default scope");
        }
        for (String scope : scopes) {
            if (!allowed.contains(scope)) {
                throw OAuthError.INVALID_SCOPE.exception("scope " + scope + " is not allowed for this client");
            }
        }
        return scopes;
    }

    public static Set<String> parse(String value) {
        Set<String> scopes = new LinkedHashSet<>();
        // Split on spaces only: trim() would also strip control characters off the ends (RFC 6749 §3.3: SP between tokens).
        for (String token : value.split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            if (!SCOPE_TOKEN.matcher(token).matches()) {
                throw OAuthError.INVALID_SCOPE.exception("malformed scope");
            }
            scopes.add(token);
            if (scopes.size() > MAX_SCOPES) {
                throw OAuthError.INVALID_SCOPE.exception("too many scopes");
            }
        }
        return scopes;
    }

    /** The audiences of the granted scopes: the resource servers that accept the token (RFC 9068 §3). */
    public Set<String> audiences(Collection<String> scopes) {
        Set<String> result = new LinkedHashSet<>();
        for (String scope : scopes) {
            String audience = audiences.get(scope);
            if (audience != null) {
                result.add(audience);
            }
        }
        return result;
    }

    public boolean isKnown(String scope) {
        return audiences.containsKey(scope);
    }
}
