//! A deputy's personal data: normalising and validating what people type into forms and
//! rosters, and protecting ID-card numbers (encrypted at rest, masked for roles that do
//! not need them).

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use rand::RngCore;
use renda_openapi::messages::{PersonField, RegistryMessage};
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
    /// The catalogue's message: its code, params and text.
    pub message: RegistryMessage,
}

impl PersonIssue {
    fn new(field: &'static str, message: RegistryMessage) -> PersonIssue {
        PersonIssue { field, message }
    }
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

fn limit(issues: &mut Vec<PersonIssue>, field: PersonField, value: &Option<String>, max: u32) {
    if let Some(v) = value {
        if v.chars().count() > max as usize {
            issues.push(PersonIssue::new(
                field_name(field),
                RegistryMessage::TooLong { field, max },
            ));
        }
    }
}

/// The API's name of a field (`id_card_number`).
fn field_name(field: PersonField) -> &'static str {
    match field {
        PersonField::Name => "name",
        PersonField::ExternalId => "external_id",
        PersonField::Ethnicity => "ethnicity",
        PersonField::BirthDate => "birth_date",
        PersonField::Party => "party",
        PersonField::WorkplacePost => "workplace_post",
        PersonField::Phone => "phone",
        PersonField::IdCardNumber => "id_card_number",
        PersonField::Address => "address",
        PersonField::Notes => "notes",
        PersonField::Delegation => "delegation",
        PersonField::DeputyGroup => "deputy_group",
        PersonField::Constituency => "constituency",
        PersonField::CertificateNumber => "certificate_number",
    }
}

/// Normalises and validates a person as sent to the API. Returns every problem at once.
pub fn validate(input: &DeputyInput, today: NaiveDate) -> Result<Person, Vec<PersonIssue>> {
    use RegistryMessage as R;
    let mut issues = vec![];
    let name = normalize_name(&input.name);
    let field = PersonField::Name;
    if name.is_empty() {
        issues.push(PersonIssue::new("name", R::Required { field }));
    } else if name.chars().count() > 50 {
        issues.push(PersonIssue::new("name", R::TooLong { field, max: 50 }));
    } else if name.chars().any(|c| c.is_ascii_digit()) {
        issues.push(PersonIssue::new("name", R::InvalidFormat { field }));
    }
    let birth = match clean_opt(&input.birth_date) {
        None => None,
        Some(raw) => match PartialDate::parse(&raw, today) {
            Some(d) => Some(d),
            None => {
                issues.push(PersonIssue::new(
                    "birth_date",
                    R::InvalidDate { value: raw },
                ));
                None
            }
        },
    };
    let phone = clean_opt(&input.phone);
    if let Some(p) = &phone {
        if !valid_phone(p) {
            let value = p.clone();
            issues.push(PersonIssue::new("phone", R::InvalidPhone { value }));
        }
    }
    let id_card = input.id_card_number.as_deref().and_then(normalize_id_card);
    if let Some(id) = &id_card {
        if !valid_id_card(id) {
            issues.push(PersonIssue::new("id_card_number", R::InvalidIdCard));
        }
    }
    // A field with control characters has that as its only problem.
    for name in fields_with_control_chars(input) {
        issues.retain(|i| i.field != name);
        let field = PersonField::parse(name).unwrap_or(PersonField::Notes);
        issues.push(PersonIssue::new(name, R::InvalidCharacters { field }));
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
        PersonField::ExternalId,
        &person.external_id,
        64,
    );
    limit(&mut issues, PersonField::Ethnicity, &person.ethnicity, 20);
    limit(&mut issues, PersonField::Party, &person.party, 50);
    limit(
        &mut issues,
        PersonField::WorkplacePost,
        &person.workplace_post,
        500,
    );
    limit(&mut issues, PersonField::Address, &person.address, 200);
    limit(&mut issues, PersonField::Notes, &person.notes, 2000);
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
