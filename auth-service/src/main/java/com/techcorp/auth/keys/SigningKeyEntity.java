package com.techcorp.auth.keys;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A row of {@code signing_keys}. The private key is stored only AES-GCM-encrypted under the
 * key-encryption key from configuration, with the kid as associated data so that ciphertexts
 * cannot be swapped between rows.
 */
@Entity
@Table(name = "signing_keys")
public class SigningKeyEntity extends PanacheEntityBase {

    @Id
    public String kid;

    public String algorithm;

    /** X.509 SubjectPublicKeyInfo, DER. */
    @Column(name = "public_key")
    public byte[] publicKey;

    /** PKCS#8, DER, encrypted. */
    @Column(name = "private_key_ciphertext")
    public byte[] privateKeyCiphertext;

    @Column(name = "private_key_nonce")
    public byte[] privateKeyNonce;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When the key starts to sign; until then it is only published (pre-publication). */
    @Column(name = "active_from")
    public Instant activeFrom;

    /** When it was withdrawn early; from then on it neither signs nor is published. Null for a key in use. */
    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;
}
