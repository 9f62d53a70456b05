package com.techcorp.auth.grant;

import com.techcorp.auth.client.Client;
import io.smallrye.mutiny.Uni;

/**
 * One grant type of the token endpoint. The endpoint has already parsed the request, authenticated
 * the client and checked that the client is registered for {@link #grantType()}; a new grant is one
 * new bean implementing this.
 */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /** Whether a public client may use this grant at all (never for client_credentials: RFC 6749 §4.4). */
    default boolean allowsPublicClients() {
        return true;
    }

    Uni<TokenResponse> handle(TokenRequest request, Client client);
}
