package com.techcorp.auth.client;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A row of {@code clients}. Lists are stored space-separated, as OAuth writes scopes (RFC 6749 §3.3). */
@Entity
@Table(name = "clients")
public class ClientEntity extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    public String name;

    @Column(name = "secret_hash")
    public String secretHash;

    public boolean confidential;

    @Column(name = "grant_types")
    public String grantTypes;

    @Column(name = "allowed_scopes")
    public String allowedScopes;

    @Column(name = "default_scopes")
    public String defaultScopes;

    @Column(name = "redirect_uris")
    public String redirectUris;

    @Column(name = "post_logout_redirect_uris")
    public String postLogoutRedirectUris = "";

    @Column(name = "access_token_lifetime_seconds")
    public int accessTokenLifetimeSeconds;

    @Column(name = "refresh_token_lifetime_seconds")
    public int refreshTokenLifetimeSeconds;

    public boolean enabled;

    @Column(name = "first_party")
    public boolean firstParty;

    @Column(name = "pkce_plain_allowed")
    public boolean pkcePlainAllowed;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "tokens_not_before")
    public Instant tokensNotBefore;

    /** A row written without it (a test, an old caller) gets its creation time: no token of it predates that. */
    @PrePersist
    void defaultTokensNotBefore() {
        if (tokensNotBefore == null) {
            tokensNotBefore = createdAt != null ? createdAt : Instant.now();
        }
    }

    public Client toClient() {
        return new Client(clientId, name, secretHash, confidential, split(grantTypes), split(allowedScopes),
                split(defaultScopes), List.copyOf(split(redirectUris)), Duration.ofSeconds(accessTokenLifetimeSeconds),
                Duration.ofSeconds(refreshTokenLifetimeSeconds), enabled, firstParty, pkcePlainAllowed, tokensNotBefore,
                List.copyOf(split(postLogoutRedirectUris)));
    }

    public static Set<String> split(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(value.trim().split(" +"))));
    }
}
