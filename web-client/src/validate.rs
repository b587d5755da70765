//! Client-side validation of a deputy's fields, with the same checks the server runs
//! (`renda_openapi::validation`, shared with `api/src/deputies/personal.rs`), so that a
//! form shows the same verdict before it is sent. The server stays the authority and its
//! field errors are shown on the same fields.

use chrono::NaiveDate;
use renda_openapi::validation::{
    fields_with_control_chars, normalize_id_card, valid_id_card, valid_phone, PartialDate,
};
use renda_openapi::DeputyInput;

pub use renda_openapi::validation::clean;

/// Why a field is invalid. The i18n layer turns it into a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    /// Must be filled in.
    Required,
    /// Longer than the given number of characters.
    TooLong(usize),
    /// A name with digits.
    NameDigits,
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` between 1900 and today.
    InvalidDate,
    /// Neither a mobile nor a landline number.
    InvalidPhone,
    /// Not an 18-character ID-card number with a valid check character.
    InvalidIdCard,
    /// A date after today.
    InFuture,
    /// Control characters (NUL and the like; line breaks only where a field has lines).
    ControlChars,
}

/// Whether a value is a masked one sent back unchanged (`138****5678`): the server keeps
/// the stored value, so it needs no check here.
pub fn is_masked(value: &str) -> bool {
    value.contains('*')
}

fn too_long(
    out: &mut Vec<(&'static str, Issue)>,
    field: &'static str,
    v: &Option<String>,
    max: usize,
) {
    if let Some(v) = v.as_deref().and_then(clean) {
        if v.chars().count() > max {
            out.push((field, Issue::TooLong(max)));
        }
    }
}

/// Checks a deputy's fields as the server will; returns each failing field (by its wire
/// name, e.g. `name`, `birth_date`) with the reason. Empty when the input is valid.
pub fn deputy(input: &DeputyInput, today: NaiveDate) -> Vec<(&'static str, Issue)> {
    let mut out = vec![];
    match clean(&input.name) {
        None => out.push(("name", Issue::Required)),
        Some(n) if n.chars().count() > 50 => out.push(("name", Issue::TooLong(50))),
        Some(n) if n.chars().any(|c| c.is_ascii_digit()) => out.push(("name", Issue::NameDigits)),
        Some(_) => {}
    }
    if let Some(raw) = input.birth_date.as_deref().and_then(clean) {
        if PartialDate::parse(&raw, today).is_none() {
            out.push(("birth_date", Issue::InvalidDate));
        }
    }
    if let Some(p) = input.phone.as_deref().and_then(clean) {
        if !is_masked(&p) && !valid_phone(&p) {
            out.push(("phone", Issue::InvalidPhone));
        }
    }
    if let Some(id) = input.id_card_number.as_deref().and_then(normalize_id_card) {
        if !is_masked(&id) && !valid_id_card(&id) {
            out.push(("id_card_number", Issue::InvalidIdCard));
        }
    }
    too_long(&mut out, "external_id", &input.external_id, 64);
    too_long(&mut out, "ethnicity", &input.ethnicity, 20);
    too_long(&mut out, "party", &input.party, 50);
    too_long(&mut out, "workplace_post", &input.workplace_post, 500);
    too_long(&mut out, "address", &input.address, 200);
    too_long(&mut out, "notes", &input.notes, 2000);
    // As the server: a field with control characters has that as its only problem.
    for field in fields_with_control_chars(input) {
        out.retain(|(f, _)| *f != field);
        out.push((field, Issue::ControlChars));
    }
    out
}

/// Parses `YYYY-MM-DD` (as an `<input type=date>` gives it).
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    s.trim().parse::<NaiveDate>().ok()
}

/// Today's date in the browser's time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default()
}

/// Today as `YYYY-MM-DD`.
pub fn today_string() -> String {
    today().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    }

    #[test]
    fn deputy_fields_like_the_server() {
        let mut input = DeputyInput {
            name: "张3".into(),
            birth_date: Some("1967年3月".into()),
            phone: Some("138****5678".into()),
            notes: Some("x".repeat(2001)),
            ..Default::default()
        };
        assert_eq!(
            deputy(&input, today()),
            vec![("name", Issue::NameDigits), ("notes", Issue::TooLong(2000))]
        );
        input.name = "\u{3000}".into();
        input.notes = None;
        input.birth_date = Some("2025-07".into());
        input.phone = Some("12345".into());
        input.id_card_number = Some("110105194912310021".into());
        assert_eq!(
            deputy(&input, today()),
            vec![
                ("name", Issue::Required),
                ("birth_date", Issue::InvalidDate),
                ("phone", Issue::InvalidPhone),
                ("id_card_number", Issue::InvalidIdCard)
            ]
        );
        input.name = "马旭".into();
        input.birth_date = Some("１９６３．０９".into());
        input.phone = Some("0311-87654321".into());
        input.id_card_number = Some("11010519491231002x".into());
        assert!(deputy(&input, today()).is_empty());
    }

    #[test]
    fn control_characters_like_the_server() {
        let input = DeputyInput {
            name: "马\u{0}旭".into(),
            phone: Some("139\u{7}12345678".into()),
            notes: Some("第一行\n第二行\t备注".into()),
            address: Some("北京\u{0}".into()),
            ..Default::default()
        };
        assert_eq!(
            deputy(&input, today()),
            vec![
                ("name", Issue::ControlChars),
                ("phone", Issue::ControlChars),
                ("address", Issue::ControlChars)
            ]
        );
    }

    #[test]
    fn dates_from_date_inputs() {
        assert_eq!(
            parse_ymd("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(parse_ymd("2023-02-29"), None);
    }
}
