package com.techcorp.auth.keys;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKeyEntity, String> {

    /** Session-level keys of PostgreSQL advisory locks are global: this one is "rotate signing keys". */
    static final long ROTATION_LOCK = 0x6175_7468_6b65_7973L;

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

    /**
     * Takes the rotation lock for the current transaction, waiting up to {@code waitMillis} for a
     * replica's scheduled check (a short transaction) to let go of it: what an operator asks for
     * is not skipped. Still held after that: {@code false}.
     */
    public Uni<Boolean> rotationLock(long waitMillis) {
        return getSession().flatMap(session -> session
                .createNativeQuery("select set_config('lock_timeout', '" + waitMillis + "ms', true)", String.class).getSingleResult()
                .chain(() -> session.createNativeQuery("select pg_advisory_xact_lock(" + ROTATION_LOCK + ")::text", String.class)
                        .getSingleResult())
                .map(locked -> true)
                .onFailure(SigningKeyRepository::lockTimedOut).recoverWithItem(false));
    }

    private static boolean lockTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseException db && "55P03".equals(db.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
