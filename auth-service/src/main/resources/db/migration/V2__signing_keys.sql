-- JWS signing keys. The private key is AES-256-GCM-encrypted under the key-encryption key from
-- configuration (AUTH_KEY_ENCRYPTION_KEY); the database never sees it in the clear.
create table signing_keys (
    kid                    varchar(100) primary key,  -- RFC 7638 thumbprint of the public key
    algorithm              varchar(10)  not null,
    public_key             bytea        not null,     -- X.509 SubjectPublicKeyInfo, DER
    private_key_ciphertext bytea        not null,     -- PKCS#8 DER, encrypted
    private_key_nonce      bytea        not null,
    created_at             timestamptz  not null,
    active_from            timestamptz  not null      -- signs from here; published from creation
);
create index signing_keys_active_from on signing_keys (active_from);
