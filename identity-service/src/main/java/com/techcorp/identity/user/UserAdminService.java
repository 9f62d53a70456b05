package com.techcorp.identity.user;

import com.techcorp.identity.config.IdentityConfig;
import com.techcorp.identity.lockout.LoginFailures;
import com.techcorp.identity.lockout.LoginSource;
import com.techcorp.identity.password.PasswordHasher;
import com.techcorp.oauth.jsonerrors.ApiError;
import com.techcorp.oauth.jsonerrors.PlainText;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creates and maintains users; owns the admin API's transactions and its input rules. */
@ApplicationScoped
public class UserAdminService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    private static final Pattern GROUP = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final UserRepository users;
    private final LoginFailures failures;
    private final PasswordHasher hasher;
    private final IdentityConfig config;
    private final TokenRevocationOutbox outbox;

    public UserAdminService(UserRepository users, LoginFailures failures, PasswordHasher hasher, IdentityConfig config,
                            TokenRevocationOutbox outbox) {
        this.outbox = outbox;
        this.users = users;
        this.failures = failures;
        this.hasher = hasher;
        this.config = config;
    }

    @WithSession
    public Uni<List<UserView>> list(int page, int size) {
        return users.findAll(Sort.ascending("username")).page(Page.of(page, size)).list()
                .map(rows -> rows.stream().map(UserView::of).toList());
    }

    @WithSession
    public Uni<UserView> get(UUID id) {
        return existing(id).map(UserView::of);
    }

    public Uni<UserView> create(NewUser request) {
        if (request == null || request.username() == null || !USERNAME.matcher(request.username()).matches()) {
            throw ApiError.badRequest("invalid_request", "username must be 3 to 64 of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        checkPassword(request.password());
        String displayName = request.displayName() == null || request.displayName().isBlank() ? request.username() : request.displayName().trim();
        if (!PlainText.is(displayName, 200) || request.employeeId() != null && !PlainText.is(request.employeeId(), 32)) {
            throw ApiError.badRequest("invalid_request", "display_name (200) or employee_id (32) is too long or holds control characters");
        }
        List<String> groups = request.groups() == null ? List.of() : request.groups();
        if (groups.size() > 20 || !groups.stream().allMatch(g -> g != null && GROUP.matcher(g).matches())) {
            throw ApiError.badRequest("invalid_request", "groups must be at most 20 names of a-z 0-9 _ -");
        }
        return hasher.hash(request.password()).flatMap(hash -> persist(request, displayName, groups, hash));
    }

    private Uni<UserView> persist(NewUser request, String displayName, List<String> groups, String hash) {
        return Panache.withTransaction(() -> users.findByUsername(request.username()).flatMap(found -> {
            if (found != null) {
                throw ApiError.conflict("a user with this username exists");
            }
            UserEntity e = new UserEntity();
            e.id = UUID.randomUUID();
            e.username = request.username();
            e.displayName = displayName;
            e.employeeId = request.employeeId();
            e.groups = String.join(" ", groups);
            e.enabled = true;
            e.passwordHash = hash;
            e.createdAt = Instant.now();
            e.updatedAt = e.createdAt;
            Log.infof("user %s created", e.id);
            return users.persist(e).map(UserView::of);
        }));
    }

    /** A disabled user's tokens are revoked at the auth-service too (in the same transaction: see the outbox). */
    @WithTransaction
    public Uni<UserView> setEnabled(UUID id, boolean enabled) {
        return existing(id).invoke(e -> {
            e.enabled = enabled;
            e.updatedAt = Instant.now();
            Log.infof("user %s %s", id, enabled ? "enabled" : "disabled");
        }).call(e -> enabled ? Uni.createFrom().voidItem() : outbox.enqueue(e.id)).map(UserView::of);
    }

    /** Sets a new password and lifts every lock of the username. */
    public Uni<UserView> resetPassword(UUID id, String password) {
        checkPassword(password);
        return hasher.hash(password).flatMap(hash -> store(id, hash));
    }

    private Uni<UserView> store(UUID id, String hash) {
        // Signed out everywhere: whoever held a token with the old password holds nothing now.
        return Panache.withTransaction(() -> existing(id).invoke(e -> {
            e.passwordHash = hash;
            e.updatedAt = Instant.now();
            Log.infof("user %s password reset", id);
        }).call(e -> outbox.enqueue(e.id))).call(e -> failures.clear(LoginSource.usernameKey(e.username))).map(UserView::of);
    }

    /** Lifts every lock and count of the user's username, from every address. */
    @WithSession
    public Uni<UserView> unlock(UUID id) {
        return existing(id).call(e -> failures.clear(LoginSource.usernameKey(e.username)))
                .invoke(e -> Log.infof("user %s unlocked", id))
                .map(UserView::of);
    }

    private Uni<UserEntity> existing(UUID id) {
        return users.findById(id).map(e -> {
            if (e == null) {
                throw ApiError.notFound("no such user");
            }
            return e;
        });
    }

    private void checkPassword(String password) {
        var rules = config.passwords();
        if (password == null || password.length() < rules.minLength() || password.length() > rules.maxLength()) {
            throw ApiError.badRequest("invalid_request",
                    "password must be " + rules.minLength() + " to " + rules.maxLength() + " characters");
        }
        if (password.isBlank()) {
            throw ApiError.badRequest("invalid_request", "password must not be blank");
        }
    }
}
