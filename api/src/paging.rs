//! Keyset paging of lists, written once: a page size within bounds, and an opaque cursor
//! holding the last row's sort key (its id, and with `updated_since` its change time), so
//! rows sharing an instant are neither skipped nor repeated.

use crate::error::ApiError;
use chrono::{DateTime, Utc};
use renda_openapi::messages::CommonMessage;
use renda_openapi::Refusal;
use uuid::Uuid;

/// Default rows per page.
pub const DEFAULT_LIMIT: i64 = 50;
/// Most rows per page.
pub const MAX_LIMIT: i64 = 200;

/// The page size asked for: 1–200, default 50.
///
/// Errors: 422 `out_of_range` at `?limit`.
pub fn limit(asked: Option<i64>) -> Result<i64, ApiError> {
    match asked {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(Refusal::invalid(
            "?limit",
            CommonMessage::OutOfRange {
                min: 1.0,
                max: MAX_LIMIT as f64,
            },
        )
        .into()),
    }
}

/// Where the next page starts: after this row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The row's change time, for lists in `updated_since` order.
    pub at: Option<DateTime<Utc>>,
    pub id: Uuid,
}

impl Cursor {
    /// The cursor's text: `<id>` or `<RFC 3339 time>_<id>`.
    pub fn encode(&self) -> String {
        match self.at {
            Some(at) => format!(
                "{}_{}",
                at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                self.id
            ),
            None => self.id.to_string(),
        }
    }

    /// Reads a cursor given back by a client.
    ///
    /// Errors: 422 `invalid_value` at `?cursor`.
    pub fn parse(s: &str) -> Result<Cursor, ApiError> {
        let bad = || ApiError::from(Refusal::invalid("?cursor", CommonMessage::InvalidValue));
        match s.rsplit_once('_') {
            Some((at, id)) => Ok(Cursor {
                at: Some(
                    DateTime::parse_from_rfc3339(at)
                        .map_err(|_| bad())?
                        .with_timezone(&Utc),
                ),
                id: id.parse().map_err(|_| bad())?,
            }),
            None => Ok(Cursor {
                at: None,
                id: s.parse().map_err(|_| bad())?,
            }),
        }
    }
}

/// Cuts a page loaded with one row more than `limit`: the rows, and the cursor after the
/// last when there are more.
pub fn cut<T>(
    mut rows: Vec<T>,
    limit: i64,
    key: impl Fn(&T) -> Cursor,
) -> (Vec<T>, Option<String>) {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next = if more {
        rows.last().map(|r| key(r).encode())
    } else {
        None
    };
    (rows, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_its_text() {
        let c = Cursor {
            at: Some(Utc::now()),
            id: Uuid::now_v7(),
        };
        let back = Cursor::parse(&c.encode()).unwrap();
        assert_eq!(back.id, c.id);
        assert_eq!(
            back.at.unwrap().timestamp_micros(),
            c.at.unwrap().timestamp_micros()
        );
        let plain = Cursor {
            at: None,
            id: Uuid::now_v7(),
        };
        assert_eq!(Cursor::parse(&plain.encode()).unwrap(), plain);
        assert!(Cursor::parse("nonsense").is_err());
        assert!(limit(Some(0)).is_err() && limit(Some(201)).is_err());
        assert_eq!(limit(None).unwrap(), 50);
    }
}
