package com.techcorp.auth.keys;

import com.techcorp.auth.config.AuthConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/** RFC 7517 JWK Set of the current, next and still-valid retired public keys. */
@Path("/.well-known/jwks.json")
public class JwksResource {

    private final KeyRing ring;
    private final String cacheControl;

    public JwksResource(KeyRing ring, AuthConfig config) {
        this.ring = ring;
        // A cache may hold the set this long; a replica may learn of a new key one sync interval late.
        // Together they stay within the pre-publication window, so no cache misses a key when it starts to sign.
        long maxAge = Math.max(0, config.keys().prepublication().minus(config.keys().syncInterval()).toSeconds());
        this.cacheControl = "public, max-age=" + maxAge;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return Response.ok(ring.jwks(Instant.now()))
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .build();
    }
}
