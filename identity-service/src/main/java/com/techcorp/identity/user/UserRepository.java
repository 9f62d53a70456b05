package com.techcorp.identity.user;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, UUID> {

    public Uni<UserEntity> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResult();
    }

    /**
     * Counts a failed verification in one statement, so concurrent attempts cannot lose counts: the
     * failure that reaches {@code maxFailures} locks the account and restarts the count.
     */
    public Uni<Integer> recordFailure(UUID id, int maxFailures, Duration lockout, Instant now) {
        return getSession().flatMap(s -> s.createNativeQuery("""
                        update users set
                            locked_until    = case when failed_attempts + 1 >= :max then :until else locked_until end,
                            failed_attempts = case when failed_attempts + 1 >= :max then 0 else failed_attempts + 1 end
                        where id = :id""")
                .setParameter("max", maxFailures)
                .setParameter("until", now.plus(lockout))
                .setParameter("id", id)
                .executeUpdate());
    }

    public Uni<Integer> recordSuccess(UUID id, String newHashOrNull) {
        String sql = newHashOrNull == null
                ? "update users set failed_attempts = 0, locked_until = null where id = :id"
                : "update users set failed_attempts = 0, locked_until = null, password_hash = :hash, updated_at = now() where id = :id";
        return getSession().flatMap(s -> {
            var query = s.createNativeQuery(sql).setParameter("id", id);
            if (newHashOrNull != null) {
                query.setParameter("hash", newHashOrNull);
            }
            return query.executeUpdate();
        });
    }
}
