//! The parameters of [`super::ImportMessage`] that say which of a code's sentences is
//! meant (`{"reason": "encoding"}`), and the bounds of a file with where it crossed them.

#[cfg(test)]
use super::ImportMessage;
use super::Lang;
use serde::{Deserialize, Serialize};

/// Why a file cannot be read (`unreadable_file`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Unreadable {
    /// Text neither UTF-8 nor GB18030.
    Encoding,
    /// Not an XLSX workbook, or a damaged one.
    Xlsx,
    /// A worksheet that cannot be read.
    Sheet {
        /// The worksheet's name.
        sheet: String,
    },
    /// JSON that is neither an array of objects nor an object with `rows`.
    JsonShape,
    /// An item of the JSON array that is not an object.
    JsonItem,
}

impl Unreadable {
    pub(super) fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Encoding, Lang::Zh) => {
                "文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本，无法读取。".into()
            }
            (Self::Encoding, Lang::En) => {
                "The file is neither UTF-8 nor GB18030 (GBK) text and cannot be read.".into()
            }
            (Self::Xlsx, Lang::Zh) => {
                "无法打开该 XLSX 文件：文件可能已损坏，或不是 Excel 工作簿。".into()
            }
            (Self::Xlsx, Lang::En) => {
                "The XLSX file cannot be opened: it may be damaged, or not an Excel workbook."
                    .into()
            }
            (Self::Sheet { sheet }, Lang::Zh) => format!("无法读取工作表“{sheet}”。"),
            (Self::Sheet { sheet }, Lang::En) => format!("The worksheet “{sheet}” cannot be read."),
            (Self::JsonShape, Lang::Zh) => "JSON 须为对象数组，或含 rows 数组的对象。".into(),
            (Self::JsonShape, Lang::En) => {
                "JSON must be an array of objects, or an object with a rows array.".into()
            }
            (Self::JsonItem, Lang::Zh) => "JSON 数组的每一项须为对象。".into(),
            (Self::JsonItem, Lang::En) => "Each item of the JSON array must be an object.".into(),
        }
    }
}

/// Which header is missing (`missing_header`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "table", rename_all = "snake_case")]
pub enum MissingHeader {
    /// A roster without its required column in the first 10 rows.
    Roster {
        /// The column looked for, as rosters name it (`姓名`).
        header: String,
    },
    /// A status-change file without a change-type column.
    StatusChanges,
    /// A sign-in sheet without a name and an attendance or check-in column.
    SignIn,
}

/// The columns a roster's header should have, in Chinese.
const ROSTER_COLUMNS_ZH: &str = "表头应写明 序号、代表团、姓名、性别、民族、出生年月、党派、工作单位及职务 等列（或 name、gender 等英文列名）。";

impl MissingHeader {
    pub(super) fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Roster { header }, Lang::Zh) => {
                format!("文件前 10 行中没有找到“{header}”列。{ROSTER_COLUMNS_ZH}")
            }
            (Self::Roster { header }, Lang::En) => format!(
                "No “{header}” column found in the header (the first 10 rows are searched). Name the columns as rosters do: 序号, 代表团, 姓名, 性别, 民族, 出生年月, 党派, 工作单位及职务 (or name, gender and so on)."
            ),
            (Self::StatusChanges, Lang::Zh) => {
                "未找到“变动类型”列（补选、辞职、罢免、去世等）。".into()
            }
            (Self::StatusChanges, Lang::En) => "No “变动类型” (change type) column found: it holds 补选 (by-election), 辞职 (resignation), 罢免 (recall), 去世 (death) and the like.".into(),
            (Self::SignIn, Lang::Zh) => "文件前 10 行中没有找到表头：签到表须有“姓名”列，以及“出席情况”（出席、迟到、请假、缺席）或“签到时间”列。".into(),
            (Self::SignIn, Lang::En) => "No header found in the first 10 rows: a sign-in sheet needs a 姓名 (name) column and a 出席情况 (attendance) or 签到时间 (check-in time) column.".into(),
        }
    }
}

/// How a file was read (`file_note`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
pub enum FileNote {
    /// CSV read as GB18030.
    Gb18030,
    /// Not the first worksheet: the first with content.
    Sheet {
        /// Its position, from 1.
        index: u32,
        /// Its name.
        sheet: String,
    },
}

impl FileNote {
    pub(super) fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Gb18030, Lang::Zh) => "文件按 GB18030（GBK）编码读取。".into(),
            (Self::Gb18030, Lang::En) => "The file was read as GB18030 (GBK) text.".into(),
            (Self::Sheet { index, sheet }, Lang::Zh) => {
                format!("读取第 {index} 个工作表“{sheet}”（第一个有内容的工作表）。")
            }
            (Self::Sheet { index, sheet }, Lang::En) => {
                format!("Read worksheet {index}, “{sheet}” (the first with content).")
            }
        }
    }
}

/// A bound of an import file (the server's `IMPORT_MAX_…` settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileBound {
    Rows,
    Columns,
    Cells,
    CellBytes,
    LineBytes,
    XlsxParts,
    XlsxPartBytes,
    XlsxUnpackedBytes,
    SharedStringsBytes,
}

impl FileBound {
    /// The environment variable that sets it (`MAX_XLSX_PARTS` names the constant).
    pub fn variable(self) -> &'static str {
        match self {
            Self::Rows => "IMPORT_MAX_ROWS",
            Self::Columns => "IMPORT_MAX_COLUMNS",
            Self::Cells => "IMPORT_MAX_CELLS",
            Self::CellBytes => "IMPORT_MAX_CELL_BYTES",
            Self::LineBytes => "IMPORT_MAX_LINE_BYTES",
            Self::XlsxParts => "MAX_XLSX_PARTS",
            Self::XlsxPartBytes => "IMPORT_MAX_XLSX_PART_BYTES",
            Self::XlsxUnpackedBytes => "IMPORT_MAX_XLSX_UNPACKED_BYTES",
            Self::SharedStringsBytes => "IMPORT_MAX_SHARED_STRINGS_BYTES",
        }
    }

    /// What is bounded, with the value (`行数上限 50000 行`, `50000 rows`).
    fn describe(self, v: u64, lang: Lang) -> String {
        match (self, lang) {
            (Self::Rows, Lang::Zh) => format!("行数上限 {v} 行"),
            (Self::Columns, Lang::Zh) => format!("列数上限 {v} 列"),
            (Self::Cells, Lang::Zh) => format!("单元格总数上限 {v} 个"),
            (Self::CellBytes, Lang::Zh) => format!("单个单元格上限 {v} 字节"),
            (Self::LineBytes, Lang::Zh) => format!("CSV 单行（一条记录）上限 {v} 字节"),
            (Self::XlsxParts, Lang::Zh) => format!("XLSX 内部文件个数上限 {v} 个"),
            (Self::XlsxPartBytes, Lang::Zh) => format!("XLSX 单个内部文件解压后上限 {v} 字节"),
            (Self::XlsxUnpackedBytes, Lang::Zh) => format!("XLSX 解压后总大小上限 {v} 字节"),
            (Self::SharedStringsBytes, Lang::Zh) => {
                format!("XLSX 共享字符串表解压后上限 {v} 字节")
            }
            (Self::Rows, Lang::En) => format!("{v} rows"),
            (Self::Columns, Lang::En) => format!("{v} columns"),
            (Self::Cells, Lang::En) => format!("{v} cells in all"),
            (Self::CellBytes, Lang::En) => format!("{v} bytes per cell"),
            (Self::LineBytes, Lang::En) => format!("{v} bytes per CSV record"),
            (Self::XlsxParts, Lang::En) => format!("{v} parts inside an XLSX"),
            (Self::XlsxPartBytes, Lang::En) => format!("{v} bytes per unpacked XLSX part"),
            (Self::XlsxUnpackedBytes, Lang::En) => format!("{v} bytes of an unpacked XLSX"),
            (Self::SharedStringsBytes, Lang::En) => {
                format!("{v} bytes of unpacked XLSX shared strings")
            }
        }
    }
}

/// A bound crossed: its value and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bound {
    /// The bound in force.
    pub value: u64,
    /// Where the file crossed it, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

impl Bound {
    /// The sentence of the 413.
    pub(super) fn text(&self, bound: FileBound, lang: Lang) -> String {
        let what = bound.describe(self.value, lang);
        let var = bound.variable();
        match (lang, &self.place) {
            (Lang::Zh, place) => {
                let at = place
                    .as_ref()
                    .map(|p| format!("（{}）", p.text(Lang::Zh)))
                    .unwrap_or_default();
                format!("文件超出{what}{at}，未导入任何内容。请拆分文件后再上传，或请管理员调整 {var}。")
            }
            (Lang::En, place) => {
                let at = place
                    .as_ref()
                    .map(|p| format!(" ({})", p.text(Lang::En)))
                    .unwrap_or_default();
                format!("The file is over the bound of {what}{at}: nothing was imported. Split the file and upload it again, or ask an administrator to raise {var}.")
            }
        }
    }
}

/// Where a file crossed a bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum Place {
    /// A row of the file.
    Row { row: u32 },
    /// A row of this many columns.
    RowColumns { row: u32, columns: u64 },
    /// While reading a row (a running total).
    ReadingRow { row: u32 },
    /// An item of a JSON array.
    Item { item: u32 },
    /// A key of a JSON item.
    Key { key: String },
    /// The range a worksheet declares.
    SheetRange { sheet: String },
    /// A part of an XLSX.
    Part { part: String },
    /// The parts an XLSX holds.
    Parts { count: u64 },
}

impl Place {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Row { row }, Lang::Zh) => format!("第 {row} 行"),
            (Self::Row { row }, Lang::En) => format!("row {row}"),
            (Self::RowColumns { row, columns }, Lang::Zh) => format!("第 {row} 行有 {columns} 列"),
            (Self::RowColumns { row, columns }, Lang::En) => {
                format!("row {row} has {columns} columns")
            }
            (Self::ReadingRow { row }, Lang::Zh) => format!("读到第 {row} 行时"),
            (Self::ReadingRow { row }, Lang::En) => format!("when reading row {row}"),
            (Self::Item { item }, Lang::Zh) => format!("第 {item} 项"),
            (Self::Item { item }, Lang::En) => format!("item {item}"),
            (Self::Key { key }, Lang::Zh) => format!("键“{key}”"),
            (Self::Key { key }, Lang::En) => format!("key “{key}”"),
            (Self::SheetRange { sheet }, Lang::Zh) => format!("工作表“{sheet}”声明的范围"),
            (Self::SheetRange { sheet }, Lang::En) => {
                format!("the range worksheet “{sheet}” declares")
            }
            (Self::Part { part }, Lang::Zh) => format!("内部文件 {part}"),
            (Self::Part { part }, Lang::En) => format!("part {part}"),
            (Self::Parts { count }, Lang::Zh) => format!("文件含 {count} 个"),
            (Self::Parts { count }, Lang::En) => format!("the file has {count}"),
        }
    }
}

/// Which bound of rows (`too_many_rows`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "of", rename_all = "snake_case")]
pub enum RowsBound {
    /// The file's bound, `IMPORT_MAX_ROWS` (413).
    File(Bound),
    /// The rows of one sign-in sheet (422).
    SignInSheet { max: u32 },
}

/// Which date of a row is not a date (`invalid_date`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "date", rename_all = "snake_case")]
pub enum DateProblem {
    /// A birth date of a roster: left out, kept in the notes.
    Birth { value: String },
    /// A change date of a status change.
    Change { value: String },
}

impl DateProblem {
    pub(super) fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Birth { value }, Lang::Zh) => {
                format!("出生年月“{value}”不是有效日期，未导入该项，原文记入备注。")
            }
            (Self::Birth { value }, Lang::En) => format!(
                "“{value}” is not a date between 1900 and today: left out, the original text is kept in the notes."
            ),
            (Self::Change { value }, Lang::Zh) => {
                format!("变动日期“{value}”无效，应为完整日期，如 2023年7月27日。")
            }
            (Self::Change { value }, Lang::En) => format!(
                "Change date “{value}” is not valid: give a full date, such as 2023-07-27."
            ),
        }
    }
}

/// The key two rows of a file share (`duplicate_in_file`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKey {
    /// 外部编号.
    ExternalId,
    /// 身份证号.
    IdCard,
}

impl DuplicateKey {
    pub(super) fn zh(self) -> &'static str {
        match self {
            Self::ExternalId => "外部编号",
            Self::IdCard => "身份证号",
        }
    }

    pub(super) fn en(self) -> &'static str {
        match self {
            Self::ExternalId => "external ID",
            Self::IdCard => "ID card number",
        }
    }
}

/// Among whom several deputies fit a row (`ambiguous_match`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "among", rename_all = "snake_case")]
pub enum Ambiguous {
    /// Namesakes in the row's delegation (roster).
    Delegation { count: u32 },
    /// Namesakes in the term (status changes).
    Term { count: u32 },
    /// Namesakes among an activity's invitees (sign-in sheet).
    Invited { count: u32, name: String },
}

impl Ambiguous {
    pub(super) fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Delegation { count }, Lang::Zh) => format!("该代表团有 {count} 名同名代表，无法确定对应哪一位：请在文件中填写外部编号或身份证号。"),
            (Self::Delegation { count }, Lang::En) => format!("{count} deputies of this delegation have this name: add an external ID or ID card number to the file."),
            (Self::Term { count }, Lang::Zh) => format!("有 {count} 名同名代表，无法确定是哪一位：请填写代表团、外部编号或身份证号。"),
            (Self::Term { count }, Lang::En) => format!("{count} deputies have this name: add the delegation, an external ID or an ID card number."),
            (Self::Invited { count, name }, Lang::Zh) => format!("受邀代表中有 {count} 人名为“{name}”，请在表中加上代表证号或外部编号。"),
            (Self::Invited { count, name }, Lang::En) => format!("{count} invited deputies are named “{name}”: add the certificate number or external ID to the sheet."),
        }
    }
}

/// Which required cell is empty (`required` of an import row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "cell", rename_all = "snake_case")]
pub enum RequiredCell {
    /// The name of a sign-in row.
    SignInName,
}

impl RequiredCell {
    pub(super) fn text(self, lang: Lang) -> String {
        match (self, lang) {
            (Self::SignInName, Lang::Zh) => "缺少姓名。".into(),
            (Self::SignInName, Lang::En) => "The name is missing.".into(),
        }
    }
}

/// One value of each kind of the parameters above, for the catalogue's tests.
#[cfg(test)]
pub(crate) fn samples() -> Vec<ImportMessage> {
    use ImportMessage as I;
    let mut all = vec![
        I::EmptyFile { workbook: false },
        I::UnreadableFile(Unreadable::Encoding),
        I::UnreadableFile(Unreadable::Xlsx),
        I::UnreadableFile(Unreadable::Sheet {
            sheet: "名册".into(),
        }),
        I::UnreadableFile(Unreadable::JsonShape),
        I::UnreadableFile(Unreadable::JsonItem),
        I::MissingHeader(MissingHeader::Roster {
            header: "姓名".into(),
        }),
        I::MissingHeader(MissingHeader::StatusChanges),
        I::MissingHeader(MissingHeader::SignIn),
        I::FileNote(FileNote::Gb18030),
        I::FileNote(FileNote::Sheet {
            index: 2,
            sheet: "名单".into(),
        }),
        I::InvalidDate(DateProblem::Birth {
            value: "1967年".into(),
        }),
        I::InvalidDate(DateProblem::Change {
            value: "七月".into(),
        }),
        I::DuplicateInFile {
            key: DuplicateKey::ExternalId,
            row: 4,
        },
        I::AmbiguousMatch(Ambiguous::Delegation { count: 2 }),
        I::AmbiguousMatch(Ambiguous::Term { count: 3 }),
        I::AmbiguousMatch(Ambiguous::Invited {
            count: 2,
            name: "张三".into(),
        }),
        I::Required(RequiredCell::SignInName),
    ];
    let places = [
        None,
        Some(Place::Row { row: 12 }),
        Some(Place::RowColumns {
            row: 3,
            columns: 300,
        }),
        Some(Place::ReadingRow { row: 9 }),
        Some(Place::Item { item: 5 }),
        Some(Place::Key { key: "k".into() }),
        Some(Place::SheetRange {
            sheet: "名册".into(),
        }),
        Some(Place::Part {
            part: "xl/worksheets/sheet1.xml".into(),
        }),
        Some(Place::Parts { count: 1200 }),
    ];
    let bounds = [
        FileBound::Rows,
        FileBound::Columns,
        FileBound::Cells,
        FileBound::CellBytes,
        FileBound::LineBytes,
        FileBound::XlsxParts,
        FileBound::XlsxPartBytes,
        FileBound::XlsxUnpackedBytes,
        FileBound::SharedStringsBytes,
    ];
    for (bound, place) in bounds.into_iter().zip(places) {
        all.push(I::exceeded(bound, 1000, place));
    }
    all
}
