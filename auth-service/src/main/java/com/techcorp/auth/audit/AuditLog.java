package com.techcorp.auth.audit;

import org.jboss.logging.Logger;

/**
 * Security events, one line each, on the logger category {@code audit} so they can be routed and
 * kept apart from diagnostics: tokens issued, refused and revoked, with the client, the user and
 * the reason code. Never a secret, a password or a token: only identifiers and catalog codes.
 */
public final class AuditLog {

    private static final Logger LOG = Logger.getLogger("audit");

    private AuditLog() {
    }

    /** @param kind "user" for a user's token, "client" for a client's own */
    public static void issued(String kind, String clientId, String subject, String jti, String scope) {
        LOG.infof("event=token_issued kind=%s client_id=%s sub=%s jti=%s scope=\"%s\"", kind, clientId, subject, jti, scope);
    }

    /** @param clientId null when the client was not authenticated */
    public static void refused(String grantType, String clientId, String error) {
        LOG.infof("event=token_refused grant_type=%s client_id=%s error=%s", safe(grantType), clientId, error);
    }

    public static void revoked(String kind, String clientId, String reference) {
        LOG.infof("event=token_revoked kind=%s client_id=%s ref=%s", kind, clientId, reference);
    }

    public static void refreshTokenReuse(String clientId) {
        LOG.warnf("event=refresh_token_reuse client_id=%s action=family_revoked", clientId);
    }

    /** Request input, echoed only when it is a short plain word; anything else is not logged. */
    private static String safe(String value) {
        return value != null && value.matches("[A-Za-z0-9_:.-]{1,60}") ? value : "(other)";
    }
}
