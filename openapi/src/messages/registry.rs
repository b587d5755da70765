//! Messages of the registry: a deputy's personal data as forms and roster imports check
//! it (name, birth date, phone, ID card number, lengths, control characters).
//!
//! Several codes are also codes of [`super::CommonMessage`] (`required`, `too_long`,
//! `invalid_characters`); these carry the field in their parameters, which tells them
//! apart on the wire.

use super::{Catalogue, Lang};
use serde::{Deserialize, Serialize};

/// A field of a deputy's personal data, or of a roster row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonField {
    Name,
    ExternalId,
    Ethnicity,
    BirthDate,
    Party,
    WorkplacePost,
    Phone,
    IdCardNumber,
    Address,
    Notes,
    Delegation,
    DeputyGroup,
    Constituency,
    CertificateNumber,
}

impl PersonField {
    /// The field by its API name (`id_card_number`).
    pub fn parse(name: &str) -> Option<PersonField> {
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }

    /// The field's name in `lang`, as forms and rosters label it.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Self::Name => ("姓名", "name"),
            Self::ExternalId => ("外部编号", "external ID"),
            Self::Ethnicity => ("民族", "ethnicity"),
            Self::BirthDate => ("出生年月", "date of birth"),
            Self::Party => ("党派", "party"),
            Self::WorkplacePost => ("工作单位及职务", "workplace and post"),
            Self::Phone => ("联系电话", "phone"),
            Self::IdCardNumber => ("身份证号", "ID card number"),
            Self::Address => ("地址", "address"),
            Self::Notes => ("备注", "notes"),
            Self::Delegation => ("代表团", "delegation"),
            Self::DeputyGroup => ("代表小组", "deputy group"),
            Self::Constituency => ("选区", "constituency"),
            Self::CertificateNumber => ("代表证号", "certificate number"),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A message of the registry (see [`super::Message`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum RegistryMessage {
    /// A required field of a person is empty (the name).
    Required { field: PersonField },
    /// A field longer than allowed.
    TooLong { field: PersonField, max: u32 },
    /// A name with digits.
    InvalidFormat { field: PersonField },
    /// A birth date that is not a year, month or day between 1900 and today.
    InvalidDate { value: String },
    /// Not a mobile or landline number.
    InvalidPhone { value: String },
    /// Not a valid ID card number (length, birth date, check character).
    InvalidIdCard,
    /// Control characters in a field of a person.
    InvalidCharacters { field: PersonField },
}

use RegistryMessage as R;

impl Catalogue for RegistryMessage {
    fn code(&self) -> &'static str {
        match self {
            R::Required { .. } => "required",
            R::TooLong { .. } => "too_long",
            R::InvalidFormat { .. } => "invalid_format",
            R::InvalidDate { .. } => "invalid_date",
            R::InvalidPhone { .. } => "invalid_phone",
            R::InvalidIdCard => "invalid_id_card",
            R::InvalidCharacters { .. } => "invalid_characters",
        }
    }

    fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            R::Required { field } if zh => format!("请填写{}。", field.label(lang)),
            R::Required { field } => format!("Enter the {}.", field.label(lang)),
            R::TooLong { field, max } if zh => {
                format!("{}不能超过 {max} 个字符。", field.label(lang))
            }
            R::TooLong { max, .. } => format!("Too long: at most {max} characters."),
            R::InvalidFormat { field } if zh => format!("{}中不能有数字。", field.label(lang)),
            R::InvalidFormat { field } => format!("A {} cannot contain digits.", field.label(lang)),
            R::InvalidDate { value } if zh => format!(
                "出生年月“{value}”无效：应为 1900 年至今的年份、年月或日期，如 1967、1967-03、1967-03-05。"
            ),
            R::InvalidDate { value } => format!(
                "“{value}” is not a year, month or date between 1900 and today (1967, 1967-03 or 1967-03-05)."
            ),
            R::InvalidPhone { value } if zh => {
                format!("联系电话“{value}”无效：应为 11 位手机号或带区号的固定电话。")
            }
            R::InvalidPhone { value } => format!(
                "“{value}” is not a phone number: an 11-digit mobile number or a landline with area code."
            ),
            R::InvalidIdCard if zh => "身份证号无效：应为 18 位，出生日期和校验位须正确。".into(),
            R::InvalidIdCard => "Not a valid ID card number: 18 characters with a valid birth date and check character.".into(),
            R::InvalidCharacters { .. } if zh => "含有不可见的控制字符，请删除后重新填写。".into(),
            R::InvalidCharacters { .. } => {
                "Contains invisible control characters: delete them and enter the value again."
                    .into()
            }
        }
    }
}

/// One value of every variant, for the catalogue's tests.
#[cfg(test)]
pub(crate) fn samples() -> Vec<RegistryMessage> {
    vec![
        R::Required {
            field: PersonField::Name,
        },
        R::TooLong {
            field: PersonField::WorkplacePost,
            max: 500,
        },
        R::InvalidFormat {
            field: PersonField::Name,
        },
        R::InvalidDate {
            value: "1800".into(),
        },
        R::InvalidPhone {
            value: "123".into(),
        },
        R::InvalidIdCard,
        R::InvalidCharacters {
            field: PersonField::Notes,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_as_before() {
        let m = R::TooLong {
            field: PersonField::Name,
            max: 50,
        };
        assert_eq!(m.text(Lang::Zh), "姓名不能超过 50 个字符。");
        assert_eq!(
            R::Required {
                field: PersonField::Name
            }
            .text(Lang::Zh),
            "请填写姓名。"
        );
        assert_eq!(
            R::InvalidFormat {
                field: PersonField::Name
            }
            .text(Lang::Zh),
            "姓名中不能有数字。"
        );
        assert_eq!(
            PersonField::parse("id_card_number"),
            Some(PersonField::IdCardNumber)
        );
    }
}
