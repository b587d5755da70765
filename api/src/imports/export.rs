//! Export of the filtered deputies list as CSV (UTF-8 with BOM, formula-safe) or XLSX,
//! with the same columns the roster import reads, so an exported file imports back
//! unchanged.

use super::columns::Column;
use crate::auth::caller::AuthUser;
use crate::deputies::models::{DeputyRow, MandateWithNames};
use crate::deputies::personal::PersonalDataKey;
use crate::error::ApiError;
use rust_xlsxwriter::{Format, Workbook};

/// Export columns in order; the ID-card column only for roles that see ID-card numbers,
/// contacts only for roles that see contacts.
pub fn columns(user: &AuthUser) -> Vec<Column> {
    let mut cols = vec![
        Column::Seq,
        Column::Delegation,
        Column::DeputyGroup,
        Column::Constituency,
        Column::CertificateNumber,
        Column::Name,
        Column::Gender,
        Column::Ethnicity,
        Column::BirthDate,
        Column::Party,
        Column::WorkplacePost,
    ];
    if user.sees_contacts() {
        cols.extend([Column::Phone, Column::Address]);
    }
    if user.sees_id_cards() {
        cols.push(Column::IdCardNumber);
    }
    cols.extend([Column::Notes, Column::ExternalId]);
    cols
}

/// The cells of one deputy, in `cols` order.
pub fn cells(
    seq: usize,
    d: &DeputyRow,
    m: Option<&MandateWithNames>,
    cols: &[Column],
    key: &PersonalDataKey,
) -> Vec<String> {
    cols.iter()
        .map(|c| match c {
            Column::Seq => seq.to_string(),
            Column::Delegation => m.and_then(|m| m.2.clone()).unwrap_or_default(),
            Column::DeputyGroup => m.and_then(|m| m.3.clone()).unwrap_or_default(),
            Column::Constituency => m.and_then(|m| m.0.constituency.clone()).unwrap_or_default(),
            Column::CertificateNumber => m
                .and_then(|m| m.0.certificate_number.clone())
                .unwrap_or_default(),
            Column::Name => d.name.clone(),
            Column::Gender => d
                .gender()
                .map(|g| g.label_zh().to_string())
                .unwrap_or_default(),
            Column::Ethnicity => d.ethnicity.clone().unwrap_or_default(),
            Column::BirthDate => d.birth().map(|b| b.to_zh()).unwrap_or_default(),
            Column::Party => d.party.clone().unwrap_or_default(),
            Column::WorkplacePost => d.workplace_post.clone().unwrap_or_default(),
            Column::Phone => d.phone.clone().unwrap_or_default(),
            Column::Address => d.address.clone().unwrap_or_default(),
            Column::IdCardNumber => d.id_card(key).unwrap_or_default(),
            Column::Notes => d.notes.clone().unwrap_or_default(),
            Column::ExternalId => d.external_id.clone().unwrap_or_default(),
            Column::ChangeType | Column::ChangeDate => String::new(),
        })
        .collect()
}

/// Prefixes `'` to a cell a spreadsheet would evaluate as a formula (`=`, `+`, `-`, `@`,
/// tab, carriage return): OWASP's guard against CSV injection. The import strips it again.
pub fn guard(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// CSV bytes: UTF-8 with BOM (so Excel reads Chinese), CRLF line ends, guarded cells.
pub fn to_csv(cols: &[Column], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(cols.iter().map(|c| c.header()))
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        for r in rows {
            w.write_record(r.iter().map(|c| guard(c)))
                .map_err(|e| ApiError::Internal(e.to_string()))?;
        }
        w.flush().map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    Ok(out)
}

/// XLSX bytes: sheet 代表名册 with a bold header row; every cell written as text, so no
/// cell is a formula and ID numbers keep their digits.
pub fn to_xlsx(cols: &[Column], rows: &[Vec<String>]) -> Result<Vec<u8>, ApiError> {
    let err = |e: rust_xlsxwriter::XlsxError| ApiError::Internal(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("代表名册").map_err(err)?;
    let bold = Format::new().set_bold();
    for (j, c) in cols.iter().enumerate() {
        sheet
            .write_string_with_format(0, j as u16, c.header(), &bold)
            .map_err(err)?;
        let width = match c {
            Column::WorkplacePost | Column::Address => 40.0,
            Column::IdCardNumber | Column::Notes | Column::ExternalId => 22.0,
            Column::Delegation | Column::DeputyGroup => 16.0,
            _ => 10.0,
        };
        sheet.set_column_width(j as u16, width).map_err(err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (j, v) in r.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(i as u32 + 1, j as u16, v).map_err(err)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}
