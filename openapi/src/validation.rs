//! Checks shared by the server and the web client, so that what a form accepts is what
//! the API accepts: width folding, partial birth dates, resident ID numbers, phone
//! numbers, and masking of personal data.

use chrono::{Datelike, NaiveDate};

/// Folds full-width ASCII forms (U+FF01–U+FF5E: `１２３`, `ＡＢＣ`, `（）`) to their
/// half-width letters, digits and punctuation, and the ideographic space to a space.
/// Offices mix both widths in one column; Chinese characters are left as they are.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

/// A name as it is stored and compared: [`clean`], runs of white space made one space, and
/// no space between two Chinese characters (offices pad two-character names: `王　芳`
/// is `王芳`). Spaces in Latin names stay.
pub fn normalize_name(s: &str) -> String {
    let folded = fold_width(s);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut out = String::new();
    for w in words {
        let joins = match (out.chars().last(), w.chars().next()) {
            (Some(a), Some(b)) => !a.is_ascii() && !b.is_ascii(),
            _ => true,
        };
        if !joins {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether text holds control characters (NUL and the other C0 and C1 codes) or the
/// invisible controls that reorder text (bidi overrides, embeddings and isolates, which
/// can make a name or file name read as something else); `multiline` allows line breaks
/// and tabs.
pub fn has_control_chars(s: &str, multiline: bool) -> bool {
    s.chars().any(|c| {
        (c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) || is_bidi_control(c)
    })
}

/// Whether `c` is an invisible bidi override, embedding or isolate (U+202A–U+202E,
/// U+2066–U+2069), which reorder the text around them. The marks (U+200E, U+200F, U+061C)
/// are allowed: right-to-left scripts such as Uyghur use them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The fields of a person's data that hold control characters, which no field may hold
/// (PostgreSQL text cannot store NUL); only the longer free texts (workplace and post,
/// address, notes) may break lines. Field names as in [`crate::DeputyInput`].
pub fn fields_with_control_chars(input: &crate::DeputyInput) -> Vec<&'static str> {
    let texts: [(&'static str, Option<&str>, bool); 10] = [
        ("name", Some(input.name.as_str()), false),
        ("external_id", input.external_id.as_deref(), false),
        ("ethnicity", input.ethnicity.as_deref(), false),
        ("birth_date", input.birth_date.as_deref(), false),
        ("party", input.party.as_deref(), false),
        ("workplace_post", input.workplace_post.as_deref(), true),
        ("phone", input.phone.as_deref(), false),
        ("id_card_number", input.id_card_number.as_deref(), false),
        ("address", input.address.as_deref(), true),
        ("notes", input.notes.as_deref(), true),
    ];
    texts
        .into_iter()
        .filter(|(_, value, multiline)| value.is_some_and(|v| has_control_chars(v, *multiline)))
        .map(|(field, _, _)| field)
        .collect()
}

/// [`fold_width`] and trim; `None` for an empty result.
pub fn clean(s: &str) -> Option<String> {
    let folded = fold_width(s);
    let trimmed = folded.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// [`clean`] for an optional value.
pub fn clean_opt(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(clean)
}

/// A birth date as rosters give it: a year, a year and month, or a full date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn to_wire(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// As Chinese rosters write it: `1967年`, `1967年3月`, `1967年3月5日`.
    pub fn to_zh(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{}年{}月{}日", self.year, m, d),
            (Some(m), None) => format!("{}年{}月", self.year, m),
            _ => format!("{}年", self.year),
        }
    }

    /// From the three database columns.
    pub fn from_parts(
        year: Option<i32>,
        month: Option<i32>,
        day: Option<i32>,
    ) -> Option<PartialDate> {
        Some(PartialDate {
            year: year?,
            month: month.map(|m| m as u32),
            day: day.map(|d| d as u32),
        })
    }

    /// Parses `1967`, `1967-03`, `1967-3-5`, `1967.03`, `1967/3/5`, `1967年`, `1967年3月`,
    /// `1967年3月5日`, `196703` or `19670305`. The date must be real and between 1900 and
    /// `today`. `None` when it is not a date.
    pub fn parse(raw: &str, today: NaiveDate) -> Option<PartialDate> {
        let s = clean(raw)?;
        let s = s.trim_end_matches('日').trim_end_matches('生');
        let parts: Vec<&str> = if s.chars().all(|c| c.is_ascii_digit()) {
            match s.len() {
                4 => vec![&s[..4]],
                6 => vec![&s[..4], &s[4..6]],
                8 => vec![&s[..4], &s[4..6], &s[6..8]],
                _ => return None,
            }
        } else {
            s.split(['-', '.', '/', '年', '月'])
                .filter(|p| !p.is_empty())
                .collect()
        };
        if parts.is_empty()
            || parts.len() > 3
            || parts.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let year: i32 = parts[0].parse().ok()?;
        let month: Option<u32> = parts.get(1).map(|m| m.parse()).transpose().ok()?;
        let day: Option<u32> = parts.get(2).map(|d| d.parse()).transpose().ok()?;
        if parts[0].len() != 4 || !(1900..=today.year()).contains(&year) {
            return None;
        }
        let first_day = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))?;
        if first_day > today {
            return None;
        }
        Some(PartialDate { year, month, day })
    }
}

/// Whether an 18-character resident ID number (GB 11643-1999) is well formed: 17 digits,
/// a real birth date in positions 7–14, and the ISO 7064 MOD 11-2 check character.
pub fn valid_id_card(id: &str) -> bool {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let bytes = id.as_bytes();
    if bytes.len() != 18 || !bytes[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = bytes[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    if bytes[17] != CHECK[(sum % 11) as usize] {
        return false;
    }
    let (y, m, d) = (&id[6..10], &id[10..12], &id[12..14]);
    matches!((y.parse(), m.parse(), d.parse()), (Ok(y), Ok(m), Ok(d)) if NaiveDate::from_ymd_opt(y, m, d).is_some())
}

/// Normalises an ID-card number: half-width, no spaces, upper-case check character.
pub fn normalize_id_card(raw: &str) -> Option<String> {
    clean(raw).map(|s| s.replace([' ', '-'], "").to_uppercase())
}

/// Whether a phone number is a mainland mobile (`1[3-9]` and 9 digits, optionally after
/// `+86`) or a landline with area code (`0xx-xxxxxxx[x]`, optional extension).
pub fn valid_phone(phone: &str) -> bool {
    let p = phone.replace([' ', '(', ')'], "");
    let p = p
        .strip_prefix("+86")
        .or_else(|| p.strip_prefix("86-"))
        .unwrap_or(&p);
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits_only(p)
        && p.len() == 11
        && p.starts_with('1')
        && matches!(p.as_bytes()[1], b'3'..=b'9')
    {
        return true;
    }
    let groups: Vec<&str> = p.split('-').collect();
    match groups.as_slice() {
        [area, local] | [area, local, _] if area.starts_with('0') => {
            digits_only(area)
                && (3..=4).contains(&area.len())
                && digits_only(local)
                && (7..=8).contains(&local.len())
                && groups.get(2).is_none_or(|e| digits_only(e) && e.len() <= 6)
        }
        [whole] => digits_only(whole) && whole.starts_with('0') && (10..=12).contains(&whole.len()),
        _ => false,
    }
}

/// `110101********123X`: the region code and the last four characters.
pub fn mask_id_card(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

/// `138****5678`: the first three and last four characters of a phone number.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

/// The dates a record may carry (a self-declared entry, an award's decision): the years
/// performance records are read for, 2000–2100.
pub fn record_dates() -> (chrono::NaiveDate, chrono::NaiveDate) {
    dates(2000, 2100)
}

/// 1 January of `from` to 31 December of `to`.
pub fn dates(from: i32, to: i32) -> (chrono::NaiveDate, chrono::NaiveDate) {
    (
        chrono::NaiveDate::from_ymd_opt(from, 1, 1).unwrap_or_default(),
        chrono::NaiveDate::from_ymd_opt(to, 12, 31).unwrap_or_default(),
    )
}

/// The refusal of `date` at `pointer` when it falls outside `range`.
pub fn date_fault(
    pointer: &str,
    date: chrono::NaiveDate,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
) -> Option<crate::Refusal> {
    (date < from || date > to).then(|| {
        crate::Refusal::invalid(
            pointer,
            crate::messages::CommonMessage::DateOutOfRange { from, to },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_found() {
        assert!(!has_control_chars("兆人大〔2023〕1号", false));
        assert!(has_control_chars("a\u{7}", false));
        assert!(has_control_chars("a\u{202e}b", true));
        assert!(has_control_chars("a\u{2066}b", true));
        assert!(!has_control_chars("第一行\n第二行", true));
        assert!(has_control_chars("第一行\n第二行", false));
    }

    #[test]
    fn record_dates_run_from_2000_to_2100() {
        let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(date_fault("/d", d(2000, 1, 1), record_dates()).is_none());
        assert!(date_fault("/d", d(2100, 12, 31), record_dates()).is_none());
        assert!(date_fault("/d", d(1999, 12, 31), record_dates()).is_some());
        assert!(date_fault("/d", d(2101, 1, 1), record_dates()).is_some());
    }
}
