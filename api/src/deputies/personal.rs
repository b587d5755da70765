//! A deputy's personal data: normalising and validating what people type into forms and
//! rosters, and protecting ID-card numbers (encrypted at rest, masked for roles that do
//! not need them).

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use chrono::{Datelike, NaiveDate};
use hmac::{Hmac, Mac};
use rand::RngCore;
use renda_openapi::{DeputyInput, Gender};
use sha2::Sha256;
use unicode_normalization::UnicodeNormalization;

/// Folds full-width letters, digits and punctuation to their half-width forms (NFKC) and
/// trims; `None` for an empty result. Offices mix both widths in the same column.
pub fn clean(s: &str) -> Option<String> {
    let folded: String = s.nfkc().collect::<String>().replace('\u{3000}', " ");
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

/// One problem with one field of a person's data, with its field name (`name`,
/// `birth_date` …) so the API can point at `/name` and an import at the column.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonIssue {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

/// A person's data after normalisation and validation, ready to store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    pub external_id: Option<String>,
    pub name: String,
    pub gender: Option<Gender>,
    pub ethnicity: Option<String>,
    pub birth: Option<PartialDate>,
    pub party: Option<String>,
    pub workplace_post: Option<String>,
    pub phone: Option<String>,
    /// Plain, normalised; encrypted only when stored.
    pub id_card: Option<String>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

fn limit(
    issues: &mut Vec<PersonIssue>,
    field: &'static str,
    value: &Option<String>,
    max: usize,
    label: &str,
) {
    if let Some(v) = value {
        if v.chars().count() > max {
            issues.push(PersonIssue {
                field,
                code: "too_long",
                message: format!("{label}不能超过 {max} 个字符。"),
            });
        }
    }
}

/// Normalises and validates a person as sent to the API. Returns every problem at once.
pub fn validate(input: &DeputyInput, today: NaiveDate) -> Result<Person, Vec<PersonIssue>> {
    let mut issues = vec![];
    let name = clean(&input.name).unwrap_or_default();
    if name.is_empty() {
        issues.push(PersonIssue {
            field: "name",
            code: "required",
            message: "请填写姓名。".into(),
        });
    } else if name.chars().count() > 50 {
        issues.push(PersonIssue {
            field: "name",
            code: "too_long",
            message: "姓名不能超过 50 个字符。".into(),
        });
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        issues.push(PersonIssue {
            field: "name",
            code: "invalid_format",
            message: "姓名中不能有数字。".into(),
        });
    }
    let birth = match clean_opt(&input.birth_date) {
        None => None,
        Some(raw) => match PartialDate::parse(&raw, today) {
            Some(d) => Some(d),
            None => {
                issues.push(PersonIssue {
                    field: "birth_date",
                    code: "invalid_date",
                    message: format!("出生年月“{raw}”无效：应为 1900 年至今的年份、年月或日期，如 1967、1967-03、1967-03-05。"),
                });
                None
            }
        },
    };
    let phone = clean_opt(&input.phone);
    if let Some(p) = &phone {
        if !valid_phone(p) {
            issues.push(PersonIssue {
                field: "phone",
                code: "invalid_phone",
                message: format!("联系电话“{p}”无效：应为 11 位手机号或带区号的固定电话。"),
            });
        }
    }
    let id_card = input.id_card_number.as_deref().and_then(normalize_id_card);
    if let Some(id) = &id_card {
        if !valid_id_card(id) {
            issues.push(PersonIssue {
                field: "id_card_number",
                code: "invalid_id_card",
                message: "身份证号无效：应为 18 位，出生日期和校验位须正确。".into(),
            });
        }
    }
    let person = Person {
        external_id: clean_opt(&input.external_id),
        name,
        gender: input.gender,
        ethnicity: clean_opt(&input.ethnicity),
        birth,
        party: clean_opt(&input.party).map(|p| p.replace('無', "无")),
        workplace_post: clean_opt(&input.workplace_post),
        phone,
        id_card,
        address: clean_opt(&input.address),
        notes: clean_opt(&input.notes),
    };
    limit(
        &mut issues,
        "external_id",
        &person.external_id,
        64,
        "外部编号",
    );
    limit(&mut issues, "ethnicity", &person.ethnicity, 20, "民族");
    limit(&mut issues, "party", &person.party, 50, "党派");
    limit(
        &mut issues,
        "workplace_post",
        &person.workplace_post,
        500,
        "工作单位及职务",
    );
    limit(&mut issues, "address", &person.address, 200, "地址");
    limit(&mut issues, "notes", &person.notes, 2000, "备注");
    if issues.is_empty() {
        Ok(person)
    } else {
        Err(issues)
    }
}

/// Encrypts ID-card numbers (AES-256-GCM, random 96-bit nonce prepended) and derives the
/// keyed digest (HMAC-SHA256) used to find a deputy by ID-card number without decrypting.
/// Both keys are derived from `DATA_KEY`.
pub struct PersonalDataKey {
    cipher: Aes256Gcm,
    mac_key: [u8; 32],
}

type HmacSha256 = Hmac<Sha256>;

fn derive(master: &[u8; 32], label: &[u8]) -> [u8; 32] {
    let mut mac = <HmacSha256 as Mac>::new_from_slice(master).expect("any key length");
    mac.update(label);
    mac.finalize().into_bytes().into()
}

impl PersonalDataKey {
    /// Derives the encryption and digest keys from the 32-byte master key.
    pub fn new(master: &[u8; 32]) -> PersonalDataKey {
        let enc = derive(master, b"renda/id-card/encryption");
        PersonalDataKey {
            cipher: Aes256Gcm::new_from_slice(&enc).expect("32-byte key"),
            mac_key: derive(master, b"renda/id-card/digest"),
        }
    }

    /// Nonce (12 bytes) followed by ciphertext and tag.
    pub fn encrypt(&self, plain: &str) -> Vec<u8> {
        let mut nonce = [0u8; 12];
        rand::thread_rng().fill_bytes(&mut nonce);
        let mut out = nonce.to_vec();
        out.extend(
            self.cipher
                .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
                .expect("AES-GCM encryption"),
        );
        out
    }

    /// `None` when the data was not encrypted with this key (wrong `DATA_KEY`).
    pub fn decrypt(&self, data: &[u8]) -> Option<String> {
        if data.len() < 12 {
            return None;
        }
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(&data[..12]), &data[12..])
            .ok()?;
        String::from_utf8(plain).ok()
    }

    /// The keyed digest of a normalised ID-card number.
    pub fn digest(&self, id_card: &str) -> Vec<u8> {
        let mut mac = <HmacSha256 as Mac>::new_from_slice(&self.mac_key).expect("any key length");
        mac.update(id_card.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}
