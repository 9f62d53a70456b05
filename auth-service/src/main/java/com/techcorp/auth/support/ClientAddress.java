package com.techcorp.auth.support;

import io.vertx.core.http.HttpServerRequest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The network address a request comes from, as the attempt limits and the lockout count it: the
 * peer's, or the one a trusted proxy forwarded ({@code quarkus.http.proxy.*}, README "Behind a
 * proxy"). An IPv6 address counts as its /64: one subscriber gets a whole /64, so counting single
 * addresses would give an attacker as many fresh buckets as it likes.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null || request.remoteAddress().hostAddress() == null
                ? "unknown" : bucket(request.remoteAddress().hostAddress());
    }

    static String bucket(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // An IPv6 literal: parsed, never looked up.
            byte[] bytes = InetAddress.getByName(address.startsWith("[") ? address : "[" + address + "]").getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
