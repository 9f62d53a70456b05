package com.techcorp.auth.keys;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKeyEntity, String> {

    /** Session-level keys of PostgreSQL advisory locks are global: this one is "rotate signing keys". */
    private static final long ROTATION_LOCK = 0x6175_7468_6b65_7973L;

    public Uni<List<SigningKeyEntity>> listByActivation() {
        return listAll(Sort.ascending("activeFrom", "kid"));
    }

    /**
     * Takes the rotation lock for the current transaction, without waiting: of several replicas
     * checking at once, exactly one gets it; the others skip this round.
     */
    public Uni<Boolean> tryRotationLock() {
        return getSession().flatMap(session -> session
                .createNativeQuery("select pg_try_advisory_xact_lock(" + ROTATION_LOCK + ")", Boolean.class)
                .getSingleResult());
    }
}
