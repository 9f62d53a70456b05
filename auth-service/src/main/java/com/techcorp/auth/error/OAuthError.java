package com.techcorp.auth.error;

/**
 * The error codes of RFC 6749 §5.2 (and the few that RFC 6750 and RFC 7009 add), each with the
 * HTTP status it is sent with. One catalog: call sites add detail, never invent codes.
 */
public enum OAuthError {
    /** §5.2: missing, repeated or malformed parameter; unsupported body; more than one client-auth method. */
    INVALID_REQUEST("invalid_request", 400),
    /** §5.2: client authentication failed; sent as 401 with a Basic challenge (§5.2, DESIGN.md). */
    INVALID_CLIENT("invalid_client", 401),
    /** §5.2: the grant (password, refresh token, code) is invalid, expired, revoked or foreign. */
    INVALID_GRANT("invalid_grant", 400),
    /** §5.2: the client is not registered for this grant type. */
    UNAUTHORIZED_CLIENT("unauthorized_client", 400),
    /** §5.2: the authorization server does not support this grant type. */
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
    /** §5.2: the requested scope is unknown or exceeds what the client (or the grant) allows. */
    INVALID_SCOPE("invalid_scope", 400),
    /** §4.1.2.1: the authorization endpoint does not serve this response_type (sent in the redirect). */
    UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
    /** §4.1.2.1: the user (or the server) denied the request (sent in the redirect). */
    ACCESS_DENIED("access_denied", 403),
    /** OpenID Connect Core §3.1.2.6: prompt=none, and the user would have to sign in (sent in the redirect). */
    LOGIN_REQUIRED("login_required", 400),
    /** Core §3.1.2.6: prompt=none, and the user would have to allow the client first. */
    CONSENT_REQUIRED("consent_required", 400),
    /** Core §3.1.2.6: the request carried a request object (request), which this server does not take. */
    REQUEST_NOT_SUPPORTED("request_not_supported", 400),
    /** Core §3.1.2.6: the request named a request_uri, which this server does not fetch. */
    REQUEST_URI_NOT_SUPPORTED("request_uri_not_supported", 400),
    /** RFC 6750 §3.1: the bearer token is missing, expired, revoked or malformed. */
    INVALID_TOKEN("invalid_token", 401),
    /** RFC 6750 §3.1: the bearer token lacks the scope the endpoint needs. */
    INSUFFICIENT_SCOPE("insufficient_scope", 403),
    /** The request body exceeds the size the endpoint accepts. */
    REQUEST_TOO_LARGE("invalid_request", 413),
    /** The method is not allowed on this endpoint (RFC 6749 §3.2: the token endpoint takes POST only). */
    METHOD_NOT_ALLOWED("invalid_request", 405),
    /** RFC 7591 §3.2.2: a client registration (admin API) is invalid. */
    INVALID_CLIENT_METADATA("invalid_client_metadata", 400),
    /** The resource does not exist (admin API). */
    NOT_FOUND("not_found", 404),
    /** The resource exists already (admin API). */
    CONFLICT("conflict", 409),
    /** Too many failed sign-ins from an address (or for a username from it); sent with Retry-After. */
    TOO_MANY_ATTEMPTS("invalid_grant", 429),
    /** Too many failed client authentications for a client or from an address; sent with Retry-After. */
    TOO_MANY_CLIENT_ATTEMPTS("invalid_client", 429),
    /** §4.1.2.1: a dependency (database, Redis, identity-service) is unavailable; retry later. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
    /** §4.1.2.1: an unexpected condition; the details are in the log, never in the response. */
    SERVER_ERROR("server_error", 500);

    private final String code;
    private final int status;

    OAuthError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public OAuthException exception(String description) {
        return new OAuthException(this, description);
    }
}
