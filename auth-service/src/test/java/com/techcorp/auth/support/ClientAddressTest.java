package com.techcorp.auth.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** What the limits count as one address. */
class ClientAddressTest {

    @Test
    void anIpv4AddressIsItselfAndAnIpv6AddressIsItsSlash64() {
        assertEquals("203.0.113.7", ClientAddress.bucket("203.0.113.7"));
        assertEquals(ClientAddress.bucket("2001:db8:1:2::1"), ClientAddress.bucket("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
        assertEquals(ClientAddress.bucket("2001:db8:1:2::1"), ClientAddress.bucket("[2001:db8:1:2::9]"));
        assertNotEquals(ClientAddress.bucket("2001:db8:1:2::1"), ClientAddress.bucket("2001:db8:1:3::1"));
        assertEquals("not-an-address", ClientAddress.bucket("not-an-address"));
    }
}
