package com.techcorp.auth.keys;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** The JWS algorithms a signing key may have, with how to make and read such keys. */
public enum SigningAlgorithm {
    RS256("RSA", SignatureAlgorithm.RS256),
    ES256("EC", SignatureAlgorithm.ES256);

    private final String keyType;
    private final SignatureAlgorithm jws;

    SigningAlgorithm(String keyType, SignatureAlgorithm jws) {
        this.keyType = keyType;
        this.jws = jws;
    }

    public static SigningAlgorithm of(String name) {
        try {
            return valueOf(name.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unsupported signing algorithm " + name + "; use RS256 or ES256");
        }
    }

    public SignatureAlgorithm jws() {
        return jws;
    }

    /** CPU-heavy (RSA): call it on a worker thread. */
    KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
        if (this == RS256) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return generator.generateKeyPair();
    }

    PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(x509));
    }

    PrivateKey privateKey(byte[] pkcs8) throws GeneralSecurityException {
        return KeyFactory.getInstance(keyType).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }
}
