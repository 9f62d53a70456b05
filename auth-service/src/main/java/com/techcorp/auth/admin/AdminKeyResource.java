package com.techcorp.auth.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.techcorp.auth.keys.KeyManager;
import com.techcorp.auth.keys.KeyRing;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;

/** Signing keys for operators: which are published and when each signs; rotation on demand. */
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

    private final KeyRing ring;
    private final KeyManager manager;

    public AdminKeyResource(KeyRing ring, KeyManager manager) {
        this.ring = ring;
        this.manager = manager;
    }

    @GET
    public List<KeyView> list() {
        return ring.published(Instant.now()).stream()
                .map(k -> new KeyView(k.kid(), k.algorithm().name(), k.activeFrom(), k.signsUntil(), k.publishedUntil()))
                .toList();
    }

    /** Publishes a successor now; it signs once the pre-publication window has passed. */
    @POST
    @Path("rotate")
    public Uni<KeyManager.Rotation> rotate() {
        return manager.rotateNow(Instant.now());
    }
}
