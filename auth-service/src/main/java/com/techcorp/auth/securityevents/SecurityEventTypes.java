package com.techcorp.auth.securityevents;

/**
 * The RFC 8417 event types the auth-service emits, one per kind of revocation. Each SET carries
 * one event and names what it revokes in an RFC 9493 subject identifier ({@code sub_id}).
 */
public final class SecurityEventTypes {

    /** One access token, by its {@code jti} ({@code sub_id} opaque); {@code exp}: when it would have expired. */
    public static final String TOKEN_REVOKED = "urn:techcorp:secevent:access-token-revoked";
    /**
     * Every access token of one grant (a refresh-token family, an authorization), by the tokens'
     * {@code sid} ({@code sub_id} opaque); {@code until}: when the last of them expires. The OpenID
     * CAEP type, so that a CAEP receiver understands it as the end of a session.
     */
    public static final String GRANT_REVOKED = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";
    /** Every access token of a subject issued before {@code issued_before} ({@code sub_id} iss_sub). */
    public static final String SUBJECT_TOKENS_REVOKED = "urn:techcorp:secevent:subject-tokens-revoked";
    /** Every access token of a client issued before {@code issued_before} ({@code sub_id} opaque client id). */
    public static final String CLIENT_TOKENS_REVOKED = "urn:techcorp:secevent:client-tokens-revoked";
    /**
     * A signing key withdrawn early, by its {@code kid} ({@code sub_id} opaque): no token it signed
     * is valid any more, whatever the JWKS a receiver holds says; {@code until}: when the last of
     * them would have expired.
     */
    public static final String KEY_WITHDRAWN = "urn:techcorp:secevent:signing-key-withdrawn";

    private SecurityEventTypes() {
    }
}
