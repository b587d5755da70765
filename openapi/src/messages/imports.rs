//! Messages of file imports (rosters, status changes, sign-in sheets): the file as a whole
//! (unreadable, no header, a bound crossed, notes on how it was read) and its rows and
//! cells (values not understood, rows that match no deputy or several).
//!
//! A code the server sends with more than one sentence (`unreadable_file`, `invalid_date`
//! …) is one variant whose parameters say which (`{"reason": "encoding"}`), so that the
//! code and its parameters always name one sentence.

use super::{Catalogue, Lang};
use serde::{Deserialize, Serialize};

pub use super::import_parts::{
    Ambiguous, Bound, DateProblem, DuplicateKey, FileBound, FileNote, MissingHeader, Place,
    RequiredCell, RowsBound, Unreadable,
};

/// A message of an import (see [`super::Message`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "params", rename_all = "snake_case")]
pub enum ImportMessage {
    /// The body or the workbook is empty.
    EmptyFile {
        /// A workbook without content (else an empty upload).
        workbook: bool,
    },
    /// The file cannot be read as its format.
    UnreadableFile(Unreadable),
    /// No header with the columns the import needs.
    MissingHeader(MissingHeader),
    /// Two columns of the header map to one field.
    DuplicateHeader {
        /// The first column, as the file names it.
        first: String,
        /// The second column.
        second: String,
    },
    /// A header and no data rows.
    NoRows,
    /// A row of the file holds NUL characters (a damaged file).
    InvalidCharacters {
        /// The row, as the spreadsheet numbers it.
        row: u32,
    },
    /// How the file was read (encoding guessed, worksheet chosen).
    FileNote(FileNote),
    /// Title rows above the header were skipped.
    TitleRowsSkipped {
        /// The header's row.
        header_row: u32,
        /// How many rows above it were skipped.
        rows: u32,
    },
    /// Columns that name no field, ignored.
    ColumnsIgnored {
        /// The columns as the file names them.
        columns: Vec<String>,
    },
    /// Rows of a failed all-or-nothing import past the report's size bound.
    RowsOmitted {
        /// How many rows are not listed.
        rows: u32,
    },
    /// 413: more rows than `IMPORT_MAX_ROWS`, or a sign-in sheet over its own bound.
    TooManyRows(RowsBound),
    /// 413: more columns than `IMPORT_MAX_COLUMNS`.
    TooManyColumns(Bound),
    /// 413: more cells than `IMPORT_MAX_CELLS`.
    TooManyCells(Bound),
    /// 413: a cell over `IMPORT_MAX_CELL_BYTES`.
    CellTooLong(Bound),
    /// 413: a CSV record over `IMPORT_MAX_LINE_BYTES`.
    LineTooLong(Bound),
    /// 413: an XLSX of more parts than `MAX_XLSX_PARTS`.
    TooManyParts(Bound),
    /// 413: an XLSX part over `IMPORT_MAX_XLSX_PART_BYTES` unpacked.
    PartTooLarge(Bound),
    /// 413: an XLSX over `IMPORT_MAX_XLSX_UNPACKED_BYTES` unpacked.
    UnpackedTooLarge(Bound),
    /// 413: shared strings over `IMPORT_MAX_SHARED_STRINGS_BYTES` unpacked.
    SharedStringsTooLarge(Bound),
    /// A section heading inside the table, not a deputy.
    SectionHeader {
        /// The heading.
        value: String,
    },
    /// Digits after a name were a footnote mark, removed.
    FootnoteRemoved {
        /// The name as written.
        value: String,
        /// The name imported.
        kept: String,
    },
    /// A gender other than 男 or 女.
    InvalidGender {
        /// The value as written.
        value: String,
    },
    /// A date of a row that is not a date.
    InvalidDate(DateProblem),
    /// A change date after today.
    InFuture,
    /// A key that an earlier row of the file has.
    DuplicateInFile {
        /// Which key.
        key: DuplicateKey,
        /// The earlier row.
        row: u32,
    },
    /// The external ID and the ID card number name two different deputies.
    KeyConflict,
    /// A namesake in the delegation differs in gender, ethnicity or birth: another person.
    NamesakeDiffers {
        /// The existing deputy.
        deputy_id: uuid::Uuid,
    },
    /// Several deputies fit the row.
    AmbiguousMatch(Ambiguous),
    /// The deputy holds no mandate in the term.
    NoMandate,
    /// The person is registered by an earlier row of the file.
    CreatedEarlierInFile {
        /// That row.
        row: u32,
    },
    /// A change type not recognised.
    InvalidChangeType {
        /// The value as written.
        value: String,
    },
    /// No change date: recorded without one.
    DateMissing,
    /// A delegation given by its short name.
    DelegationShortName {
        /// As written.
        written: String,
        /// The delegation it names.
        full: String,
    },
    /// A delegation that does not exist (or whose short name fits several).
    UnknownDelegation {
        /// As written.
        value: String,
    },
    /// The mandate has ended for another reason or on another date: not changed.
    AlreadyTerminated,
    /// Only an active deputy can be suspended.
    InvalidTransition {
        /// The change asked for (`suspend`).
        change: String,
    },
    /// Not in the roster: registered as a former deputy.
    FormerDeputyCreated,
    /// A required cell is empty.
    Required(RequiredCell),
    /// A sign-in row that names no invited deputy.
    NotInvited {
        /// The name as written.
        name: String,
    },
    /// A sign-in row with neither a status nor a time: absent.
    NotSigned,
    /// An attendance not recognised.
    InvalidStatus {
        /// As written.
        value: String,
    },
    /// A check-in time not recognised: ignored.
    InvalidTime {
        /// As written.
        value: String,
    },
}

use ImportMessage as I;

impl Catalogue for ImportMessage {
    fn code(&self) -> &'static str {
        match self {
            I::EmptyFile { .. } => "empty_file",
            I::UnreadableFile(_) => "unreadable_file",
            I::MissingHeader(_) => "missing_header",
            I::DuplicateHeader { .. } => "duplicate_header",
            I::NoRows => "no_rows",
            I::InvalidCharacters { .. } => "invalid_characters",
            I::FileNote(_) => "file_note",
            I::TitleRowsSkipped { .. } => "title_rows_skipped",
            I::ColumnsIgnored { .. } => "columns_ignored",
            I::RowsOmitted { .. } => "rows_omitted",
            I::TooManyRows(_) => "too_many_rows",
            I::TooManyColumns(_) => "too_many_columns",
            I::TooManyCells(_) => "too_many_cells",
            I::CellTooLong(_) => "cell_too_long",
            I::LineTooLong(_) => "line_too_long",
            I::TooManyParts(_) => "too_many_parts",
            I::PartTooLarge(_) => "part_too_large",
            I::UnpackedTooLarge(_) => "unpacked_too_large",
            I::SharedStringsTooLarge(_) => "shared_strings_too_large",
            I::SectionHeader { .. } => "section_header",
            I::FootnoteRemoved { .. } => "footnote_removed",
            I::InvalidGender { .. } => "invalid_gender",
            I::InvalidDate(_) => "invalid_date",
            I::InFuture => "in_future",
            I::DuplicateInFile { .. } => "duplicate_in_file",
            I::KeyConflict => "key_conflict",
            I::NamesakeDiffers { .. } => "namesake_differs",
            I::AmbiguousMatch(_) => "ambiguous_match",
            I::NoMandate => "no_mandate",
            I::CreatedEarlierInFile { .. } => "created_earlier_in_file",
            I::InvalidChangeType { .. } => "invalid_change_type",
            I::DateMissing => "date_missing",
            I::DelegationShortName { .. } => "delegation_short_name",
            I::UnknownDelegation { .. } => "unknown_delegation",
            I::AlreadyTerminated => "already_terminated",
            I::InvalidTransition { .. } => "invalid_transition",
            I::FormerDeputyCreated => "former_deputy_created",
            I::Required(_) => "required",
            I::NotInvited { .. } => "not_invited",
            I::NotSigned => "not_signed",
            I::InvalidStatus { .. } => "invalid_status",
            I::InvalidTime { .. } => "invalid_time",
        }
    }

    fn text(&self, lang: Lang) -> String {
        if let Some((bound, b)) = self.bound() {
            return b.text(bound, lang);
        }
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }
}

impl ImportMessage {
    /// The bound a 413 names, with its value and place.
    pub fn bound(&self) -> Option<(FileBound, &Bound)> {
        Some(match self {
            I::TooManyRows(RowsBound::File(b)) => (FileBound::Rows, b),
            I::TooManyColumns(b) => (FileBound::Columns, b),
            I::TooManyCells(b) => (FileBound::Cells, b),
            I::CellTooLong(b) => (FileBound::CellBytes, b),
            I::LineTooLong(b) => (FileBound::LineBytes, b),
            I::TooManyParts(b) => (FileBound::XlsxParts, b),
            I::PartTooLarge(b) => (FileBound::XlsxPartBytes, b),
            I::UnpackedTooLarge(b) => (FileBound::XlsxUnpackedBytes, b),
            I::SharedStringsTooLarge(b) => (FileBound::SharedStringsBytes, b),
            _ => return None,
        })
    }

    /// The 413 of a file over `bound` (of value `value`) at `place`.
    pub fn exceeded(bound: FileBound, value: u64, place: Option<Place>) -> ImportMessage {
        let b = Bound { value, place };
        match bound {
            FileBound::Rows => I::TooManyRows(RowsBound::File(b)),
            FileBound::Columns => I::TooManyColumns(b),
            FileBound::Cells => I::TooManyCells(b),
            FileBound::CellBytes => I::CellTooLong(b),
            FileBound::LineBytes => I::LineTooLong(b),
            FileBound::XlsxParts => I::TooManyParts(b),
            FileBound::XlsxPartBytes => I::PartTooLarge(b),
            FileBound::XlsxUnpackedBytes => I::UnpackedTooLarge(b),
            FileBound::SharedStringsBytes => I::SharedStringsTooLarge(b),
        }
    }

    /// The Chinese text (what the server sends as `message`).
    fn zh(&self) -> String {
        match self {
            I::EmptyFile { workbook: true } => "工作簿中没有任何内容。".into(),
            I::EmptyFile { workbook: false } => "上传的文件是空的。".into(),
            I::UnreadableFile(u) => u.text(Lang::Zh),
            I::MissingHeader(m) => m.text(Lang::Zh),
            I::DuplicateHeader { first, second } => {
                format!("“{first}”和“{second}”两列表示同一项内容，请只保留一列。")
            }
            I::NoRows => "文件中只有表头，没有数据行。".into(),
            I::InvalidCharacters { row } => {
                format!("文件第 {row} 行含有不可见的控制字符（NUL），请检查文件是否损坏。")
            }
            I::FileNote(n) => n.text(Lang::Zh),
            I::TitleRowsSkipped { header_row, rows } => {
                format!("表头在第 {header_row} 行，其上方的 {rows} 行标题已跳过。")
            }
            I::ColumnsIgnored { columns } => {
                format!("已忽略无法识别的列：{}。", columns.join("、"))
            }
            I::RowsOmitted { rows } => format!(
                "另有 {rows} 行超出报告大小上限（IMPORT_MAX_REPORT_BYTES），未列出。"
            ),
            I::TooManyRows(RowsBound::SignInSheet { max }) => format!("签到表最多 {max} 行。"),
            I::SectionHeader { value } => {
                format!("这一行是表格中的分节标题（“{value}”），不是代表，未导入。")
            }
            I::FootnoteRemoved { value, kept } => {
                format!("姓名“{value}”末尾的数字是脚注标记，已去除，按“{kept}”导入。")
            }
            I::InvalidGender { value } => format!("性别“{value}”无效，应为“男”或“女”。"),
            I::InvalidDate(d) => d.text(Lang::Zh),
            I::InFuture => "变动日期不能晚于今天。".into(),
            I::DuplicateInFile { key, row } => format!("{}与第 {row} 行相同。", key.zh()),
            I::KeyConflict => {
                "外部编号和身份证号分别对应两名不同的现有代表，请核对。".into()
            }
            I::NamesakeDiffers { deputy_id } => format!(
                "该代表团已有同名代表（编号 {deputy_id}），但性别、民族或出生年月不同，按另一人新建。"
            ),
            I::AmbiguousMatch(a) => a.text(Lang::Zh),
            I::NoMandate => "该代表在本届没有代表资格记录。".into(),
            I::CreatedEarlierInFile { row } => format!("此人由本文件第 {row} 行登记。"),
            I::InvalidChangeType { value } => {
                format!("变动类型“{value}”无法识别，应为 补选、辞职、罢免、去世、迁出 等。")
            }
            I::DateMissing => "未给出变动日期：已按无日期登记，请补充。".into(),
            I::DelegationShortName { written, full } => {
                format!("代表团“{written}”按简称对应为“{full}”。")
            }
            I::UnknownDelegation { value } => {
                format!("代表团“{value}”不存在，或简称对应多个代表团。")
            }
            I::AlreadyTerminated => {
                "该代表的代表资格已按其他原因或日期终止，未作更改。".into()
            }
            I::InvalidTransition { .. } => "只有在职代表可以暂停执行职务。".into(),
            I::FormerDeputyCreated => "名册中没有此人：已登记为代表资格已终止的原代表。".into(),
            I::Required(r) => r.text(Lang::Zh),
            I::NotInvited { name } => format!("“{name}”不在此活动的受邀代表中。"),
            I::NotSigned => "没有签到：记为缺席。".into(),
            I::InvalidStatus { value } => {
                format!("无法识别出席情况“{value}”：请填写 出席、迟到、请假 或 缺席。")
            }
            I::InvalidTime { value } => format!("无法识别签到时间“{value}”，已忽略。"),
            I::TooManyRows(RowsBound::File(_))
            | I::TooManyColumns(_)
            | I::TooManyCells(_)
            | I::CellTooLong(_)
            | I::LineTooLong(_)
            | I::TooManyParts(_)
            | I::PartTooLarge(_)
            | I::UnpackedTooLarge(_)
            | I::SharedStringsTooLarge(_) => unreachable!("bounds are texted by Bound"),
        }
    }

    /// The English text.
    fn en(&self) -> String {
        match self {
            I::EmptyFile { workbook: true } => "The workbook has no content.".into(),
            I::EmptyFile { workbook: false } => "The file is empty.".into(),
            I::UnreadableFile(u) => u.text(Lang::En),
            I::MissingHeader(m) => m.text(Lang::En),
            I::DuplicateHeader { first, second } => format!(
                "The columns “{first}” and “{second}” hold the same field: keep only one of them."
            ),
            I::NoRows => "The file has a header but no data rows.".into(),
            I::InvalidCharacters { row } => format!(
                "Row {row} of the file contains invisible control characters (NUL): check whether the file is damaged."
            ),
            I::FileNote(n) => n.text(Lang::En),
            I::TitleRowsSkipped { header_row, rows: 1 } => {
                format!("The header is on row {header_row}; the title row above it was skipped.")
            }
            I::TitleRowsSkipped { header_row, rows } => format!(
                "The header is on row {header_row}; the {rows} title rows above it were skipped."
            ),
            I::ColumnsIgnored { columns } => {
                format!("Columns not recognised, ignored: {}.", columns.join(", "))
            }
            I::RowsOmitted { rows } => format!(
                "{rows} more rows are past the report's size bound (IMPORT_MAX_REPORT_BYTES) and not listed."
            ),
            I::TooManyRows(RowsBound::SignInSheet { max }) => {
                format!("A sign-in sheet has at most {max} rows.")
            }
            _ => self.en_row(),
        }
    }

    /// The English text of a message about a row or a cell.
    fn en_row(&self) -> String {
        match self {
            I::SectionHeader { value } => format!(
                "A section heading inside the table (“{value}”), not a deputy: not imported."
            ),
            I::FootnoteRemoved { value, kept } => format!(
                "The digits after the name “{value}” are a footnote mark: removed, imported as “{kept}”."
            ),
            I::InvalidGender { value } => format!(
                "Gender “{value}” is not valid: it should be 男 (male) or 女 (female)."
            ),
            I::InvalidDate(d) => d.text(Lang::En),
            I::InFuture => "The change date cannot be after today.".into(),
            I::DuplicateInFile { key, row } => {
                format!("Same {} as row {row} of this file.", key.en())
            }
            I::KeyConflict => "The external ID and the ID card number belong to two different deputies: please check.".into(),
            I::NamesakeDiffers { deputy_id } => format!(
                "A namesake in this delegation (ID {deputy_id}) differs in gender, ethnicity or date of birth: created as another person."
            ),
            I::AmbiguousMatch(a) => a.text(Lang::En),
            I::NoMandate => "This deputy has no mandate in this term.".into(),
            I::CreatedEarlierInFile { row } => {
                format!("This person is registered by row {row} of this file.")
            }
            I::InvalidChangeType { value } => format!(
                "Change type “{value}” is not recognised: use 补选 (by-election), 辞职 (resignation), 罢免 (recall), 去世 (death), 迁出 (moved away) and the like."
            ),
            I::DateMissing => {
                "No change date given: recorded without a date; please add it.".into()
            }
            I::DelegationShortName { written, full } => {
                format!("Delegation “{written}” read as the short name of “{full}”.")
            }
            I::UnknownDelegation { value } => format!(
                "Delegation “{value}” does not exist, or its short name fits several delegations."
            ),
            I::AlreadyTerminated => "This mandate has already ended for another reason or on another date: not changed.".into(),
            I::InvalidTransition { .. } => "Only an active deputy can be suspended.".into(),
            I::FormerDeputyCreated => {
                "Not in the roster: registered as a former deputy whose mandate has ended.".into()
            }
            I::Required(r) => r.text(Lang::En),
            I::NotInvited { name } => format!(
                "“{name}” is not invited to this activity: invite the deputy first."
            ),
            I::NotSigned => "Did not sign in: recorded as absent.".into(),
            I::InvalidStatus { value } => format!(
                "Attendance “{value}” not recognised: write 出席 (present), 迟到 (late), 请假 (on leave) or 缺席 (absent)."
            ),
            I::InvalidTime { value } => {
                format!("Check-in time “{value}” not recognised: ignored.")
            }
            _ => unreachable!("messages about the file are texted by `en`"),
        }
    }
}

/// One value of every variant (and of each kind of a variant's parameters), for the
/// catalogue's tests.
#[cfg(test)]
pub(crate) fn samples() -> Vec<ImportMessage> {
    let mut all = vec![
        I::EmptyFile { workbook: true },
        I::DuplicateHeader {
            first: "姓名".into(),
            second: "name".into(),
        },
        I::NoRows,
        I::InvalidCharacters { row: 17 },
        I::TitleRowsSkipped {
            header_row: 3,
            rows: 2,
        },
        I::ColumnsIgnored {
            columns: vec!["序号".into(), "备用".into()],
        },
        I::RowsOmitted { rows: 12 },
        I::TooManyRows(RowsBound::SignInSheet { max: 2000 }),
        I::SectionHeader {
            value: "中央 提名".into(),
        },
        I::FootnoteRemoved {
            value: "李兴魁 3".into(),
            kept: "李兴魁".into(),
        },
        I::InvalidGender { value: "M".into() },
        I::InFuture,
        I::DuplicateInFile {
            key: DuplicateKey::IdCard,
            row: 7,
        },
        I::KeyConflict,
        I::NamesakeDiffers {
            deputy_id: uuid::Uuid::nil(),
        },
        I::NoMandate,
        I::CreatedEarlierInFile { row: 12 },
        I::InvalidChangeType { value: "x".into() },
        I::DateMissing,
        I::DelegationShortName {
            written: "北京".into(),
            full: "北京市代表团".into(),
        },
        I::UnknownDelegation { value: "x".into() },
        I::AlreadyTerminated,
        I::InvalidTransition {
            change: "suspend".into(),
        },
        I::FormerDeputyCreated,
        I::NotInvited {
            name: "张三".into(),
        },
        I::NotSigned,
        I::InvalidStatus {
            value: "也许".into(),
        },
        I::InvalidTime {
            value: "早上".into(),
        },
    ];
    all.extend(super::import_parts::samples());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences the server sent before the catalogue, byte for byte.
    #[test]
    fn chinese_as_before() {
        let m = I::exceeded(FileBound::Rows, 50_000, Some(Place::Row { row: 12 }));
        assert_eq!(
            m.text(Lang::Zh),
            "文件超出行数上限 50000 行（第 12 行），未导入任何内容。请拆分文件后再上传，或请管理员调整 IMPORT_MAX_ROWS。"
        );
        assert_eq!(
            I::TitleRowsSkipped {
                header_row: 2,
                rows: 1
            }
            .text(Lang::En),
            "The header is on row 2; the title row above it was skipped."
        );
        assert_eq!(
            I::ColumnsIgnored {
                columns: vec!["自定义列".into()]
            }
            .text(Lang::En),
            "Columns not recognised, ignored: 自定义列."
        );
    }
}
