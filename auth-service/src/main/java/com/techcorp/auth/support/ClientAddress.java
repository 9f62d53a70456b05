package com.techcorp.auth.support;

import io.vertx.core.http.HttpServerRequest;

/**
 * The network address a request comes from, as the attempt limits count it: the peer's, or the one
 * a trusted proxy forwarded ({@code quarkus.http.proxy.*}, README "Behind a proxy").
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null || request.remoteAddress().hostAddress() == null
                ? "unknown" : request.remoteAddress().hostAddress();
    }
}
