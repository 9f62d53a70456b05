package com.techcorp.auth.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.techcorp.auth.identity.SubjectStatus;

import java.time.Instant;
import java.util.List;

/**
 * A browser's sign-on session (OpenID Connect single sign-on): who signed in, when, and on what
 * device. {@code sid} is public (the ID token names it, the admin API lists it); the browser's
 * cookie also holds a secret of which only the hash is kept.
 *
 * @param authTime  when the password was checked, epoch seconds (the ID token's auth_time)
 * @param expiresAt the absolute end, epoch seconds, however busy the session is
 * @param device    the browser's User-Agent as it said at sign-in (bounded, printable), to tell sessions apart
 */
public record SignOnSession(String sid, String secretHash, String subject, String username, List<String> groups,
                            long authTime, long expiresAt, String device, String address) {

    @JsonIgnore
    public boolean endedAt(Instant now) {
        return now.getEpochSecond() >= expiresAt;
    }

    /** This session for a user as the identity-service describes them now (what it did not say stays). */
    public SignOnSession as(SubjectStatus now) {
        return new SignOnSession(sid, secretHash, subject, now.username() != null ? now.username() : username,
                now.groups() != null ? List.copyOf(now.groups()) : groups, authTime, expiresAt, device, address);
    }
}
