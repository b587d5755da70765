//! Login, token refresh, logout and the signed-in user.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a user may do. Every user belongs to one congress and sees its data (and, for a
/// district or higher congress, the data of the congresses below it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Administers users and congresses; may do everything staff may.
    Admin,
    /// Office staff (人大办): keeps the registry.
    Staff,
    /// Presidium member (主席团成员): reads everything of the congress, personal contacts included.
    Presidium,
    /// A deputy: reads the registry (personal data masked) and changes their own contacts.
    Deputy,
    /// A handling organisation (承办单位): reads deputies' basic data.
    HandlingOrg,
    /// An integrating system or script: reads and imports, without ID-card numbers.
    Integration,
}

impl Role {
    /// All roles, in the order of the table above.
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Staff,
        Role::Presidium,
        Role::Deputy,
        Role::HandlingOrg,
        Role::Integration,
    ];

    /// The snake_case code used on the wire and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
            Role::Presidium => "presidium",
            Role::Deputy => "deputy",
            Role::HandlingOrg => "handling_org",
            Role::Integration => "integration",
        }
    }

    /// Parses the snake_case code; `None` for anything else.
    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == code)
    }
}

/// `POST /api/v1/auth/login` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// `POST /api/v1/auth/refresh` and `/auth/logout` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    /// The refresh token from the last login or refresh. Each is good for one use.
    pub refresh_token: String,
}

/// Tokens issued by login and refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct TokenResponse {
    /// JWT (HS256) to send as `Authorization: Bearer …`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Lifetime of the access token in seconds.
    pub expires_in: i64,
    /// Opaque refresh token; using it rotates it, and reusing an old one revokes the session.
    pub refresh_token: String,
    pub user: CurrentUser,
}

/// The signed-in user (`GET /api/v1/auth/me`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct CurrentUser {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub congress_id: Uuid,
    /// For role `deputy`: the deputy record this user is.
    pub deputy_id: Option<Uuid>,
    /// For role `handling_org`: the handling organisation (承办单位) the user acts for.
    #[serde(default)]
    pub handling_org_id: Option<Uuid>,
}

/// `POST /api/v1/users` body (admin only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    /// At least 10 characters.
    pub password: String,
    pub role: Role,
    pub congress_id: Uuid,
    /// Required for role `deputy`.
    #[serde(default)]
    pub deputy_id: Option<Uuid>,
}
