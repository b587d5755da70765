//! The suggestion workflow of DOMAIN.md as a table: which step may be taken from which
//! state, and where it leads. Refusals are 409 problems (`invalid_transition`).

use crate::error::ApiError;
use renda_openapi::SuggestionStatus as S;

/// The states a step may start from, and the state it leads to (`None`: the state stays).
pub fn step(action: &str) -> (&'static [S], Option<S>) {
    match action {
        "submit" => (&[S::Draft], Some(S::Submitted)),
        "withdraw" => (&[S::Draft, S::Submitted, S::Accepted], Some(S::Withdrawn)),
        "accept" => (&[S::Submitted], Some(S::Accepted)),
        "not_accept" => (&[S::Submitted], Some(S::NotAccepted)),
        "refer" | "forward" => (&[S::Accepted, S::Returned], Some(S::Referred)),
        // The lead's return sends the item back to the office, only before it starts.
        "return" => (&[S::Referred], Some(S::Returned)),
        // A co-handler's return ends its own part (the item stays where it is); still open
        // once the lead has started, until the reply, within the co-handler's return window.
        "return_co" => (&[S::Referred, S::InProgress, S::Extended], None),
        "start" => (&[S::Referred], Some(S::InProgress)),
        "extend" => (&[S::InProgress, S::Extended], Some(S::Extended)),
        "request_extension" | "refuse_extension" => (&[S::InProgress, S::Extended], None),
        "send_reply" => (
            &[S::InProgress, S::Extended, S::Rehandling],
            Some(S::Replied),
        ),
        "rate" => (&[S::Replied], Some(S::Rated)),
        "rehandle" => (&[S::Rated], Some(S::Rehandling)),
        "close" => (&[S::Rated], Some(S::Closed)),
        "categorise" => (
            &[
                S::Submitted,
                S::Accepted,
                S::Referred,
                S::Returned,
                S::InProgress,
                S::Extended,
                S::Replied,
                S::Rated,
                S::Rehandling,
            ],
            None,
        ),
        "supervise" => (
            &[
                S::Submitted,
                S::Accepted,
                S::Referred,
                S::Returned,
                S::InProgress,
                S::Extended,
                S::Replied,
                S::Rated,
                S::Rehandling,
            ],
            None,
        ),
        _ => (&[], None),
    }
}

/// The state `action` leads to from `from`.
///
/// Errors: 409 `invalid_transition` naming the current state and the step.
pub fn next(from: S, action: &str, label: &str) -> Result<S, ApiError> {
    let (allowed, to) = step(action);
    if allowed.contains(&from) {
        Ok(to.unwrap_or(from))
    } else {
        let allowed: Vec<&str> = allowed.iter().map(|s| s.label_zh()).collect();
        Err(ApiError::Refused(
            "invalid_transition",
            format!(
                "建议当前为“{}”状态，不能{}（仅限{}状态）。",
                from.label_zh(),
                label,
                allowed.join("、")
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_path_is_allowed_and_shortcuts_are_not() {
        let path = [
            ("submit", S::Draft, S::Submitted),
            ("accept", S::Submitted, S::Accepted),
            ("refer", S::Accepted, S::Referred),
            ("return", S::Referred, S::Returned),
            ("refer", S::Returned, S::Referred),
            ("start", S::Referred, S::InProgress),
            ("request_extension", S::InProgress, S::InProgress),
            ("refuse_extension", S::InProgress, S::InProgress),
            ("extend", S::InProgress, S::Extended),
            ("request_extension", S::Extended, S::Extended),
            ("refuse_extension", S::Extended, S::Extended),
            ("send_reply", S::Extended, S::Replied),
            ("rate", S::Replied, S::Rated),
            ("rehandle", S::Rated, S::Rehandling),
            ("send_reply", S::Rehandling, S::Replied),
            ("close", S::Rated, S::Closed),
            ("return_co", S::Referred, S::Referred),
            ("return_co", S::InProgress, S::InProgress),
            ("return_co", S::Extended, S::Extended),
        ];
        for (action, from, to) in path {
            assert_eq!(next(from, action, action).unwrap(), to, "{action}");
        }
        for (action, from) in [
            ("refer", S::Submitted),
            ("close", S::Replied),
            ("submit", S::Submitted),
            ("start", S::Accepted),
            ("withdraw", S::Referred),
            ("send_reply", S::Referred),
            ("request_extension", S::Referred),
            ("request_extension", S::Replied),
            ("refuse_extension", S::Rehandling),
            ("accept", S::Closed),
            ("return", S::InProgress),
            ("return", S::Extended),
            ("return_co", S::Replied),
            ("return_co", S::Rehandling),
            ("return_co", S::Returned),
        ] {
            let e = next(from, action, action).unwrap_err();
            assert!(
                matches!(e, ApiError::Refused("invalid_transition", _)),
                "{action}"
            );
        }
    }
}
