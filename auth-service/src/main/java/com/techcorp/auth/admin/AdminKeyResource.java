package com.techcorp.auth.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.auth.keys.KeyManager;
import com.techcorp.auth.keys.KeyRing;
import com.techcorp.auth.error.OAuthError;
import com.techcorp.auth.securityevents.Revocations;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/** Signing keys for operators: which are published and when each signs; rotation and withdrawal on demand. */
@Path("/admin/keys")
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
public class AdminKeyResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(
            @JsonProperty("kid") String kid,
            @JsonProperty("alg") String algorithm,
            @JsonProperty("active_from") Instant activeFrom,
            @JsonProperty("signs_until") Instant signsUntil,
            @JsonProperty("published_until") Instant publishedUntil) {
    }

    /** The keys' ids are RFC 7638 thumbprints (base64url); anything else names no key. */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final KeyRing ring;
    private final KeyManager manager;
    private final Revocations revocations;

    public AdminKeyResource(KeyRing ring, KeyManager manager, Revocations revocations) {
        this.ring = ring;
        this.manager = manager;
        this.revocations = revocations;
    }

    @GET
    public List<KeyView> list() {
        return ring.published(Instant.now()).stream()
                .map(k -> new KeyView(k.kid(), k.algorithm().name(), k.activeFrom(), k.signsUntil(), k.publishedUntil()))
                .toList();
    }

    /**
     * Withdraws a key now (its private key leaked, or may have): it stops signing and being
     * published, a successor signs at once if it was the signing key, and every token it signed is
     * refused here and, through a security event, at every resource server within a second.
     */
    @POST
    @Path("{kid}/withdraw")
    public Uni<KeyManager.Withdrawal> withdraw(@PathParam("kid") String kid) {
        if (kid == null || !KID.matcher(kid).matches()) {
            throw OAuthError.INVALID_REQUEST.exception("not a key id");
        }
        return manager.withdraw(kid, Instant.now())
                .call(withdrawal -> revocations.key(withdrawal.kid(), withdrawal.tokensExpiredBy()));
    }

    /** Publishes a successor now; it signs once the pre-publication window has passed. */
    @POST
    @Path("rotate")
    public Uni<KeyManager.Rotation> rotate() {
        return manager.rotateNow();
    }
}
