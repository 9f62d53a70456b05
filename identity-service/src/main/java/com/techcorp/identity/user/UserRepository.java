package com.techcorp.identity.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    public Uni<UserEntity> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
    }

    /** A stronger hash of the same password, made at a successful login. */
    public Uni<Integer> updatePasswordHash(UUID id, String hash) {
        return update("passwordHash = ?1, updatedAt = current_timestamp where id = ?2", hash, id);
    }
}
