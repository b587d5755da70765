//! The two macros of the contract's small types: [`code_enum!`] for closed sets of codes
//! (statuses, kinds) and [`id_type!`] for the ids of records.
//!
//! Both derive, behind the `diesel` feature (on for the server, off for the web client),
//! the mapping to PostgreSQL: a code enum is stored as checked `text` (the migration's
//! `CHECK (x IN (...))` lists the same codes), an id as `uuid`. The server's rows then
//! carry the enum and the id types themselves, so a status is never a bare `String` and
//! passing a deputy's id where a suggestion's is wanted does not compile.

/// A closed set of codes: a `snake_case` wire code, a Chinese label and optionally an
/// English one per variant (`Variant = "code" / "中文" / "English"`), with `ALL`, `as_str`,
/// `label_zh`, `label_en`, `label` and `parse`. With the `diesel` feature it is also a SQL
/// `text` value (`ToSql`/`FromSql` through the code).
#[macro_export]
macro_rules! code_enum {
    (@en $code:literal) => { $code };
    (@en $code:literal, $en:literal) => { $en };
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal / $zh:literal $(/ $en:literal)?,)* }) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize,
            serde::Deserialize,
        )]
        #[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vm])* $variant,)*
        }
        impl $name {
            /// Every value.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];
            /// Wire and database code.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
            /// Chinese label.
            pub fn label_zh(self) -> &'static str {
                match self { $($name::$variant => $zh,)* }
            }
            /// English label (the code itself where the declaration gives none).
            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $crate::code_enum!(@en $code $(, $en)?),)* }
            }
            /// The label in `lang`.
            pub fn label(self, lang: $crate::Lang) -> &'static str {
                match lang {
                    $crate::Lang::Zh => self.label_zh(),
                    $crate::Lang::En => self.label_en(),
                }
            }
            /// Parses the wire code.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }
        #[cfg(feature = "diesel")]
        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg>>::to_sql(
                    self.as_str(),
                    out,
                )
            }
        }
        #[cfg(feature = "diesel")]
        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                let s = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::pg::Pg,
                >>::from_sql(bytes)?;
                Self::parse(&s)
                    .ok_or_else(|| format!("unknown {} code {s:?}", stringify!($name)).into())
            }
        }
    };
}

/// The id of one kind of record: a UUID (v7 when made here) that serialises as the plain
/// UUID string, is a SQL `uuid` with the `diesel` feature, and cannot be mixed up with
/// the id of another kind.
#[macro_export]
macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "schema", schema(value_type = String, format = Uuid))]
        #[cfg_attr(feature = "diesel", derive(diesel::AsExpression, diesel::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Uuid))]
        pub struct $name(pub uuid::Uuid);
        impl $name {
            /// A new id (UUID v7: ordered by creation time).
            pub fn new_v7() -> Self {
                Self(uuid::Uuid::now_v7())
            }
            /// The UUID itself.
            pub fn uuid(self) -> uuid::Uuid {
                self.0
            }
        }
        impl From<uuid::Uuid> for $name {
            fn from(u: uuid::Uuid) -> Self {
                Self(u)
            }
        }
        impl From<$name> for uuid::Uuid {
            fn from(id: $name) -> uuid::Uuid {
                id.0
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                uuid::Uuid::parse_str(s).map(Self)
            }
        }
        #[cfg(feature = "diesel")]
        impl diesel::serialize::ToSql<diesel::sql_types::Uuid, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <uuid::Uuid as diesel::serialize::ToSql<diesel::sql_types::Uuid, diesel::pg::Pg>>::to_sql(
                    &self.0,
                    out,
                )
            }
        }
        #[cfg(feature = "diesel")]
        impl diesel::deserialize::FromSql<diesel::sql_types::Uuid, diesel::pg::Pg> for $name {
            fn from_sql(
                bytes: <diesel::pg::Pg as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                <uuid::Uuid as diesel::deserialize::FromSql<
                    diesel::sql_types::Uuid,
                    diesel::pg::Pg,
                >>::from_sql(bytes)
                .map(Self)
            }
        }
    };
}
