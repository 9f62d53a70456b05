package com.techcorp.identity.lockout;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The lockout's counters (table {@code login_failures}): per (username, address) pair, and per
 * username over every address (source {@code '*'}), which does not keep out an address the user
 * signed in from lately. Each step is one statement on the database's
 * clock, so parallel attempts are serialized by PostgreSQL's row lock and none slips past a limit.
 */
@ApplicationScoped
public class LoginFailures {

    /** The outcome of a reservation: allowed, with its place in the pair's count, or refused. */
    public record Reservation(boolean allowed, int count) {
        static final Reservation REFUSED = new Reservation(false, 0);
    }

    /** The username is locked over every address, and this address has not signed in as it lately. */
    private static final String CEILING_LOCKED = """
            select 1 from login_failures c
            where c.username_key = $1 and c.source = '*' and c.locked_until > now()
              and not exists (select 1 from login_failures p where p.username_key = $1 and p.source = $2 and p.trusted_until > now())""";

    /** Counts the attempt unless the pair is locked or full; failures older than the window are forgotten. */
    private static final String RESERVE = """
            insert into login_failures as f (username_key, source, failures, updated_at)
            values ($1, $2, 1, now())
            on conflict (username_key, source) do update set
                failures = case when f.locked_until is not null or f.updated_at < now() - make_interval(secs => $4) then 1
                                else f.failures + 1 end,
                locked_until = null,
                updated_at = now()
            where f.locked_until is null and (f.failures < $3 or f.updated_at < now() - make_interval(secs => $4))
               or f.locked_until <= now()
            returning failures""";

    private static final String LOCK_PAIR = """
            update login_failures set locked_until = now() + make_interval(secs => $3), updated_at = now()
            where username_key = $1 and source = $2 and locked_until is null""";

    private static final String COUNT_FOR_USERNAME = """
            insert into login_failures as f (username_key, source, failures, updated_at)
            values ($1, '*', 1, now())
            on conflict (username_key, source) do update set
                failures = case when f.updated_at < now() - make_interval(secs => $3) or f.locked_until <= now() then 1
                                else f.failures + 1 end,
                locked_until = case when f.locked_until > now() then f.locked_until
                                    when f.locked_until is null and f.updated_at >= now() - make_interval(secs => $3)
                                         and f.failures + 1 >= $2 then now() + make_interval(secs => $3)
                                    end,
                updated_at = now()""";

    /**
     * Starts the pair's count again and trusts the pair for a while, but never lifts a lock: a
     * success racing with failures that just locked the pair leaves it locked.
     */
    private static final String SUCCEEDED = """
            update login_failures set failures = 0, trusted_until = now() + interval '30 days', updated_at = now()
            where username_key = $1 and source = $2 and (locked_until is null or locked_until <= now())""";

    private final Pool db;

    public LoginFailures(Pool db) {
        this.db = db;
    }

    /**
     * Counts an attempt of the pair before its password is checked. Refused while the pair or the
     * username is locked, or while {@code max} attempts are counted already (some may still be
     * in flight: that is what keeps parallel guesses within the limit).
     */
    public Uni<Reservation> reserve(String usernameKey, String source, int max, Duration window) {
        return db.preparedQuery(CEILING_LOCKED).execute(Tuple.of(usernameKey, source))
                .flatMap(locked -> locked.size() > 0 ? Uni.createFrom().item(Reservation.REFUSED)
                        : db.preparedQuery(RESERVE).execute(Tuple.of(usernameKey, source, max, (double) window.toSeconds()))
                        .map(LoginFailures::reservation));
    }

    private static Reservation reservation(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? new Reservation(true, it.next().getInteger(0)) : Reservation.REFUSED;
    }

    /**
     * The reserved attempt failed. The one that filled the pair's count locks the pair; the
     * username's count over every address grows, and locks it at {@code ceiling}.
     */
    public Uni<Void> failed(String usernameKey, String source, Reservation reservation, int max, int ceiling, Duration lockout) {
        double seconds = lockout.toSeconds();
        Uni<?> pair = reservation.count() < max ? Uni.createFrom().voidItem()
                : db.preparedQuery(LOCK_PAIR).execute(Tuple.of(usernameKey, source, seconds));
        return pair.flatMap(ignored -> db.preparedQuery(COUNT_FOR_USERNAME).execute(Tuple.of(usernameKey, ceiling, seconds)))
                .replaceWithVoid();
    }

    public Uni<Void> succeeded(String usernameKey, String source) {
        return db.preparedQuery(SUCCEEDED).execute(Tuple.of(usernameKey, source)).replaceWithVoid();
    }

    /** A reserved attempt that was never checked (the hashing threads were full) is handed back. */
    public Uni<Void> release(String usernameKey, String source) {
        return db.preparedQuery("""
                        update login_failures set failures = greatest(failures - 1, 0)
                        where username_key = $1 and source = $2 and locked_until is null""")
                .execute(Tuple.of(usernameKey, source)).replaceWithVoid();
    }

    /** An administrator's unlock, or a new password: every count and lock of the username goes. */
    public Uni<Void> clear(String usernameKey) {
        return db.preparedQuery("delete from login_failures where username_key = $1").execute(Tuple.of(usernameKey))
                .replaceWithVoid();
    }

    /** Rows that lock nothing and count nothing recent (see {@link LoginFailurePurge}). */
    public Uni<Integer> purge(Duration staleAfter) {
        return db.preparedQuery("""
                        delete from login_failures
                        where updated_at < now() - make_interval(secs => $1) and (locked_until is null or locked_until <= now())
                          and (trusted_until is null or trusted_until <= now())""")
                .execute(Tuple.of((double) staleAfter.toSeconds()))
                .map(RowSet::rowCount);
    }
}
