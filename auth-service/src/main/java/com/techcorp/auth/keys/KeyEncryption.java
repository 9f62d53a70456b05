package com.techcorp.auth.keys;

import com.techcorp.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/** AES-256-GCM encryption of private keys at rest, under the key-encryption key from configuration. */
@ApplicationScoped
public class KeyEncryption {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec kek;

    public KeyEncryption(AuthConfig config) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(config.keys().encryptionKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("auth.keys.encryption-key is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("auth.keys.encryption-key must be 32 bytes (256 bits) in base64, "
                    + "e.g. the output of `openssl rand -base64 32`");
        }
        this.kek = new SecretKeySpec(raw, "AES");
    }

    public record Sealed(byte[] ciphertext, byte[] nonce) {
    }

    public Sealed encrypt(byte[] plaintext, String kid) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            return new Sealed(cipher(Cipher.ENCRYPT_MODE, nonce, kid).doFinal(plaintext), nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a signing key", e);
        }
    }

    /** @throws GeneralSecurityException when the key-encryption key is not the one that sealed it */
    public byte[] decrypt(Sealed sealed, String kid) throws GeneralSecurityException {
        return cipher(Cipher.DECRYPT_MODE, sealed.nonce(), kid).doFinal(sealed.ciphertext());
    }

    private Cipher cipher(int mode, byte[] nonce, String kid) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, kek, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
