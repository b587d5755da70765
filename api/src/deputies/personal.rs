//! A deputy's personal data: normalising and validating what people type into forms and
//! rosters, and protecting ID-card numbers (encrypted at rest, masked for roles that do
//! not need them).

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use rand::RngCore;
use renda_openapi::{DeputyInput, Gender};
use sha2::Sha256;

pub use renda_openapi::validation::{
    clean, clean_opt, fields_with_control_chars, has_control_chars, mask_id_card, mask_phone,
    normalize_id_card, normalize_name, valid_id_card, valid_phone, PartialDate,
};

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
    let name = normalize_name(&input.name);
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
    // A field with control characters has that as its only problem.
    for field in fields_with_control_chars(input) {
        issues.retain(|i| i.field != field);
        issues.push(PersonIssue {
            field,
            code: "invalid_characters",
            message: "含有不可见的控制字符，请删除后重新填写。".into(),
        });
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
