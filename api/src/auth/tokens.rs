//! Password hashing, access tokens (JWT) and refresh tokens.

use crate::config::Config;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::Engine;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use renda_openapi::Role;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Hashes a password with argon2id (default parameters: 19 MiB, 2 passes) and a random salt,
/// in PHC string form.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Checks a password against a PHC hash; false for a wrong password or a malformed hash.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, checked when the user does not exist so that a wrong
/// username takes as long as a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&Uuid::now_v7().to_string()).unwrap_or_default())
}

/// The claims of an access token.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// User id.
    pub sub: Uuid,
    pub role: Role,
    /// The user's congress.
    pub cid: Uuid,
    /// For deputies: their deputy record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub did: Option<Uuid>,
    /// For handling-organisation users: their organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hid: Option<Uuid>,
    pub iss: String,
    pub aud: String,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Expires at, seconds since the epoch.
    pub exp: i64,
}

/// Keys and rules for access tokens, built once from the configuration.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
    /// Access-token lifetime in seconds.
    pub ttl_seconds: i64,
    /// Refresh-token lifetime in days.
    pub refresh_ttl_days: i64,
}

impl TokenKeys {
    /// HS256 keys from `JWT_SECRET`; validation pins the algorithm and requires `exp`, `iat`,
    /// `iss` and `aud` to match.
    pub fn new(config: &Config) -> TokenKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[&config.jwt_issuer]);
        validation.set_audience(&[&config.jwt_audience]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        TokenKeys {
            encoding: EncodingKey::from_secret(&config.jwt_secret),
            decoding: DecodingKey::from_secret(&config.jwt_secret),
            validation,
            issuer: config.jwt_issuer.clone(),
            audience: config.jwt_audience.clone(),
            ttl_seconds: config.access_token_ttl_seconds,
            refresh_ttl_days: config.refresh_token_ttl_days,
        }
    }

    /// Signs an access token for the user (`org`: the handling organisation of a
    /// `handling_org` user).
    pub fn issue(
        &self,
        user: Uuid,
        role: Role,
        congress: Uuid,
        deputy: Option<Uuid>,
        org: Option<Uuid>,
    ) -> String {
        let now = chrono::Utc::now().timestamp();
        let claims = Claims {
            sub: user,
            role,
            cid: congress,
            did: deputy,
            hid: org,
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            iat: now,
            exp: now + self.ttl_seconds,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .expect("HS256 signing cannot fail")
    }

    /// Verifies signature, algorithm, expiry, issuer and audience.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()
            .map(|d| d.claims)
    }
}

/// A new opaque refresh token (32 random bytes, base64url) and its SHA-256 digest.
pub fn new_refresh_token() -> (String, Vec<u8>) {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let digest = refresh_digest(&token);
    (token, digest)
}

/// SHA-256 of a refresh token, as stored.
pub fn refresh_digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}
