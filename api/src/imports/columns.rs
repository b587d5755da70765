//! The columns an import reads, under the Chinese headers offices write and English ones.

use super::table::Table;
use crate::deputies::personal::clean;
use crate::error::ApiError;
use renda_openapi::messages::imports::MissingHeader;
use renda_openapi::messages::ImportMessage;
use renda_openapi::{CellMessage, Message};

/// A column an import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Seq,
    ExternalId,
    Delegation,
    DeputyGroup,
    Constituency,
    CertificateNumber,
    Name,
    Gender,
    Ethnicity,
    BirthDate,
    Party,
    WorkplacePost,
    Phone,
    IdCardNumber,
    Address,
    Notes,
    ChangeType,
    ChangeDate,
}

impl Column {
    /// Every column with its accepted headers (compared without spaces, case-insensitive);
    /// the first is the canonical Chinese header used in exports.
    pub const ALL: [(Column, &'static [&'static str]); 18] = [
        (Column::Seq, &["序号", "no", "no.", "#", "seq"]),
        (
            Column::ExternalId,
            &["外部编号", "代表编号", "external_id", "externalid"],
        ),
        (Column::Delegation, &["代表团", "delegation"]),
        (
            Column::DeputyGroup,
            &["代表小组", "小组", "deputy_group", "group"],
        ),
        (Column::Constituency, &["选区", "constituency"]),
        (
            Column::CertificateNumber,
            &["代表证号", "代表证编号", "certificate_number"],
        ),
        (Column::Name, &["姓名", "名字", "name"]),
        (Column::Gender, &["性别", "gender", "sex"]),
        (Column::Ethnicity, &["民族", "ethnicity"]),
        (
            Column::BirthDate,
            &[
                "出生年月",
                "出生日期",
                "出生年月日",
                "birth_date",
                "date_of_birth",
                "birthdate",
            ],
        ),
        (Column::Party, &["党派", "政治面貌", "party"]),
        (
            Column::WorkplacePost,
            &[
                "工作单位及职务",
                "工作单位和职务",
                "单位及职务",
                "工作单位",
                "职务",
                "workplace_post",
                "workplace",
                "post",
            ],
        ),
        (
            Column::Phone,
            &[
                "联系电话",
                "电话",
                "手机",
                "手机号",
                "手机号码",
                "phone",
                "mobile",
                "telephone",
            ],
        ),
        (
            Column::IdCardNumber,
            &[
                "身份证号",
                "身份证号码",
                "公民身份号码",
                "id_card_number",
                "id_card",
            ],
        ),
        (
            Column::Address,
            &["地址", "住址", "通讯地址", "家庭住址", "address"],
        ),
        (Column::Notes, &["备注", "notes", "note", "remarks"]),
        (Column::ChangeType, &["变动类型", "变动情况", "change_type"]),
        (Column::ChangeDate, &["变动日期", "变动时间", "change_date"]),
    ];

    /// The canonical Chinese header.
    pub fn header(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, h)| h[0])
            .unwrap_or("")
    }

    /// The English field name.
    pub fn field(self) -> &'static str {
        match self {
            Column::Seq => "seq",
            Column::ExternalId => "external_id",
            Column::Delegation => "delegation",
            Column::DeputyGroup => "deputy_group",
            Column::Constituency => "constituency",
            Column::CertificateNumber => "certificate_number",
            Column::Name => "name",
            Column::Gender => "gender",
            Column::Ethnicity => "ethnicity",
            Column::BirthDate => "birth_date",
            Column::Party => "party",
            Column::WorkplacePost => "workplace_post",
            Column::Phone => "phone",
            Column::IdCardNumber => "id_card_number",
            Column::Address => "address",
            Column::Notes => "notes",
            Column::ChangeType => "change_type",
            Column::ChangeDate => "change_date",
        }
    }

    fn from_header(h: &str) -> Option<Column> {
        find_header(&Self::ALL, h)
    }
}

/// The column whose accepted headers include `h` (compared without spaces,
/// case-insensitive).
pub fn find_header<C: Copy>(all: &[(C, &[&str])], h: &str) -> Option<C> {
    let key: String = clean(h)?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    all.iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(c, _)| *c)
}

/// The columns of one kind of import: the roster's [`Column`], or another import's own set
/// (the suggestions import), read by the same [`layout`].
pub trait ColumnSet: Copy + PartialEq + std::fmt::Debug {
    /// The column a header names, if any.
    fn from_header(h: &str) -> Option<Self>;
    /// The canonical Chinese header.
    fn header(self) -> &'static str;
    /// The English field name.
    fn field(self) -> &'static str;
    /// Whether two columns of the file may map to it (read as one, joined).
    fn may_repeat(self) -> bool {
        false
    }
    /// The headers the import expects, for the message when none is found.
    fn expected() -> &'static str;
    /// The catalogue's message of a file without the `required` column, for a set the
    /// catalogue knows (else the message is written from [`ColumnSet::expected`]).
    fn missing_header(_required: Self) -> Option<ImportMessage> {
        None
    }
}

impl ColumnSet for Column {
    fn from_header(h: &str) -> Option<Self> {
        Column::from_header(h)
    }
    fn header(self) -> &'static str {
        Column::header(self)
    }
    fn field(self) -> &'static str {
        Column::field(self)
    }
    fn may_repeat(self) -> bool {
        // 工作单位 and 职务 may be two columns.
        self == Column::WorkplacePost
    }
    fn expected() -> &'static str {
        "表头应写明 序号、代表团、姓名、性别、民族、出生年月、党派、工作单位及职务 等列（或 name、gender 等英文列名）。"
    }
    fn missing_header(required: Self) -> Option<ImportMessage> {
        Some(ImportMessage::MissingHeader(MissingHeader::Roster {
            header: required.header().into(),
        }))
    }
}

/// A message about the whole file, from the catalogue.
fn file_message(message: ImportMessage) -> CellMessage {
    CellMessage::from_message(None, &Message::from(message))
}

/// The header of a file: which column index holds which field, and the data rows under it.
#[derive(Debug)]
pub struct Layout<C: ColumnSet = Column> {
    /// `(column index, column, header text as written)`.
    pub columns: Vec<(usize, C, String)>,
    /// Data rows (below the header, blank rows dropped) with their row numbers.
    pub rows: Vec<(u32, Vec<String>)>,
    pub warnings: Vec<CellMessage>,
}

impl<C: ColumnSet> Layout<C> {
    /// Whether the file has this column.
    pub fn has(&self, c: C) -> bool {
        self.columns.iter().any(|(_, col, _)| *col == c)
    }

    /// The header text of a column as the file writes it.
    pub fn header_of(&self, c: C) -> String {
        self.columns
            .iter()
            .find(|(_, col, _)| *col == c)
            .map(|(_, _, h)| h.clone())
            .unwrap_or_else(|| c.header().into())
    }

    /// A cell's text, or "" when the column is absent.
    pub fn cell(&self, row: &[String], c: C) -> String {
        // 工作单位 and 职务 may be two columns: their cells are read as one, joined.
        let parts: Vec<&str> = self
            .columns
            .iter()
            .filter(|(_, col, _)| *col == c)
            .filter_map(|(i, _, _)| row.get(*i))
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        parts.join(" ")
    }

    /// `姓名 → name` for each mapped column.
    pub fn describe(&self) -> Vec<String> {
        self.columns
            .iter()
            .map(|(_, c, h)| format!("{h} → {}", c.field()))
            .collect()
    }
}

/// Finds the header row (the first of the first ten rows that names a `required` column),
/// maps its columns, and returns the rows below it.
///
/// Errors: 422 when no header names the required column, when two headers map to the
/// same field, or when there are no data rows.
pub fn layout<C: ColumnSet>(table: Table, required: C) -> Result<Layout<C>, ApiError> {
    let mut warnings: Vec<CellMessage> = table
        .notes
        .iter()
        .map(|n| file_message(ImportMessage::FileNote(n.clone())))
        .collect();
    let header_at = table
        .rows
        .iter()
        .take(10)
        .position(|(_, cells)| cells.iter().any(|c| C::from_header(c) == Some(required)))
        .ok_or_else(|| match C::missing_header(required) {
            Some(m) => ApiError::invalid("", m),
            None => ApiError::field(
                "",
                "missing_header",
                format!(
                    "文件前 10 行中没有找到“{}”列。{}",
                    required.header(),
                    C::expected()
                ),
            ),
        })?;
    let mut rows = table.rows;
    let body = rows.split_off(header_at + 1);
    let (header_row, header) = rows.pop().expect("header row exists");
    if !rows.is_empty() {
        warnings.push(file_message(ImportMessage::TitleRowsSkipped {
            header_row,
            rows: rows.len() as u32,
        }));
    }
    let mut columns: Vec<(usize, C, String)> = vec![];
    let mut ignored = vec![];
    for (i, h) in header.iter().enumerate() {
        let text = h.trim().to_string();
        if text.is_empty() {
            continue;
        }
        match C::from_header(&text) {
            Some(c) => {
                if let Some((_, _, first)) = columns
                    .iter()
                    .find(|(_, col, _)| *col == c && !c.may_repeat())
                {
                    return Err(ApiError::invalid(
                        "",
                        ImportMessage::DuplicateHeader {
                            first: first.clone(),
                            second: text,
                        },
                    ));
                }
                columns.push((i, c, text));
            }
            None => ignored.push(text),
        }
    }
    if !ignored.is_empty() {
        warnings.push(file_message(ImportMessage::ColumnsIgnored {
            columns: ignored,
        }));
    }
    if let Some((n, _)) = body
        .iter()
        .find(|(_, cells)| cells.iter().any(|c| c.contains('\0')))
    {
        return Err(ApiError::invalid(
            "",
            ImportMessage::InvalidCharacters { row: *n },
        ));
    }
    let rows: Vec<(u32, Vec<String>)> = body
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if rows.is_empty() {
        return Err(ApiError::invalid("", ImportMessage::NoRows));
    }
    Ok(Layout {
        columns,
        rows,
        warnings,
    })
}
