//! Reads an uploaded file (CSV, XLSX or JSON) into rows of text cells under a header, the
//! way offices lay out rosters: a title row or two above the header is allowed, CSV may
//! carry a BOM or be in GB18030 (what Excel writes on Chinese Windows), XLSX cells may
//! hold numbers and dates.

use crate::error::ApiError;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// Formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    Json,
}

impl Format {
    /// `csv`, `xlsx` or `json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Json => "json",
        }
    }
}

/// A file read into text cells.
#[derive(Debug, Clone)]
pub struct Table {
    pub format: Format,
    /// Every row in file order with its 1-based row number as a spreadsheet shows it.
    pub rows: Vec<(u32, Vec<String>)>,
    /// Notes about the file itself (encoding guessed, sheet chosen).
    pub notes: Vec<String>,
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Decides the format from the `Content-Type` and the first bytes.
///
/// Errors: 422 for an empty body; 415 for a legacy `.xls`, an unknown binary, or a type
/// that is not a spreadsheet.
pub fn detect(content_type: Option<&str>, body: &[u8]) -> Result<Format, ApiError> {
    if body.is_empty() {
        return Err(ApiError::field("", "empty_file", "上传的文件是空的。"));
    }
    let mime = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let zip = body.starts_with(b"PK\x03\x04");
    let ole = body.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let first = body
        .iter()
        .find(|b| !(b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF));
    let not_spreadsheet = || {
        ApiError::UnsupportedMediaType(
            "无法识别的文件：请上传 CSV、XLSX（Excel 2007 及以后）或 JSON 文件。".into(),
        )
    };
    if ole {
        return Err(ApiError::UnsupportedMediaType(
            "这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV 后再上传。".into(),
        ));
    }
    match mime.as_str() {
        XLSX_MIME => return if zip { Ok(Format::Xlsx) } else { Err(not_spreadsheet()) },
        "application/json" => return Ok(Format::Json),
        "text/csv" | "application/csv" | "text/plain" | "text/tab-separated-values" => {
            return if zip || looks_binary(body) { Err(not_spreadsheet()) } else { Ok(Format::Csv) }
        }
        "multipart/form-data" => {
            return Err(ApiError::UnsupportedMediaType(
                "请直接以文件内容作为请求体上传（Content-Type 为 text/csv、XLSX 或 application/json），不要用 multipart/form-data。".into(),
            ))
        }
        "" | "application/octet-stream" | "application/x-www-form-urlencoded" => {}
        _ => return Err(not_spreadsheet()),
    }
    if zip {
        Ok(Format::Xlsx)
    } else if matches!(first, Some(b'[') | Some(b'{')) {
        Ok(Format::Json)
    } else if looks_binary(body) {
        Err(not_spreadsheet())
    } else {
        Ok(Format::Csv)
    }
}

/// Control bytes other than tab, CR and LF mean a binary file, not text.
fn looks_binary(body: &[u8]) -> bool {
    body.iter()
        .take(4096)
        .any(|&b| b < 0x09 || (0x0E..0x20).contains(&b) && b != 0x1B)
}

/// Reads the body in the given format.
///
/// Errors: 422 when the file cannot be read as that format (with the reason).
pub fn read(format: Format, body: &[u8]) -> Result<Table, ApiError> {
    match format {
        Format::Csv => read_csv(body),
        Format::Xlsx => read_xlsx(body),
        Format::Json => read_json(body),
    }
}

fn unreadable(msg: String) -> ApiError {
    ApiError::field("", "unreadable_file", msg)
}

fn read_csv(body: &[u8]) -> Result<Table, ApiError> {
    let mut notes = vec![];
    let body = body
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(body);
    let text: std::borrow::Cow<str> = match std::str::from_utf8(body) {
        Ok(s) => s.into(),
        Err(_) => {
            let (decoded, _, had_errors) = encoding_rs::GB18030.decode(body);
            if had_errors {
                return Err(unreadable(
                    "文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本，无法读取。".into(),
                ));
            }
            notes.push("文件按 GB18030（GBK）编码读取。".into());
            decoded.into_owned().into()
        }
    };
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches('\t').count() > first_line.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = vec![];
    // Row numbers are counted from byte offsets: the reader's own line count is off by
    // one after CRLF line ends, which Excel writes.
    let (mut line, mut seen) = (1u32, 0usize);
    let bytes = text.as_bytes();
    let mut line_at = |offset: usize| {
        // After CRLF the reader starts the next record at the LF itself, so the byte at
        // the offset is counted too (it is never a line break in an LF-only file).
        let offset = (offset + 1).min(bytes.len());
        line += bytes[seen.min(offset)..offset]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        seen = seen.max(offset);
        line
    };
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let at = e
                    .position()
                    .map(|p| line_at(p.byte() as usize))
                    .unwrap_or(0);
                return Err(unreadable(format!(
                    "CSV 第 {at} 行附近格式错误（引号不成对或编码有误）。"
                )));
            }
        };
        let at = record
            .position()
            .map(|p| line_at(p.byte() as usize))
            .unwrap_or(rows.len() as u32 + 1);
        rows.push((at, record.iter().map(str::to_string).collect()));
    }
    Ok(Table {
        format: Format::Csv,
        rows,
        notes,
    })
}

/// Text of an XLSX cell: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => {
            if *b {
                "是".into()
            } else {
                "否".into()
            }
        }
        Data::DateTime(d) => d
            .as_datetime()
            .map(|dt| dt.date().format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(_) => String::new(),
    }
}

fn read_xlsx(body: &[u8]) -> Result<Table, ApiError> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(body)).map_err(|_| {
        unreadable("无法打开该 XLSX 文件：文件可能已损坏，或不是 Excel 工作簿。".into())
    })?;
    let names = book.sheet_names();
    let mut notes = vec![];
    for (i, name) in names.iter().enumerate() {
        let range = book
            .worksheet_range(name)
            .map_err(|_| unreadable(format!("无法读取工作表“{name}”。")))?;
        if range.is_empty() {
            continue;
        }
        if names.len() > 1 {
            notes.push(format!(
                "读取第 {} 个工作表“{name}”（第一个有内容的工作表）。",
                i + 1
            ));
        }
        let (top, _) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(j, r)| (top + j as u32 + 1, r.iter().map(cell_text).collect()))
            .collect();
        return Ok(Table {
            format: Format::Xlsx,
            rows,
            notes,
        });
    }
    Err(ApiError::field("", "empty_file", "工作簿中没有任何内容。"))
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// JSON: an array of objects whose keys are column names (or `{"rows": [...]}`). The
/// header is every key in order of first appearance; row numbers are 1-based indexes.
fn read_json(body: &[u8]) -> Result<Table, ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::BadRequest(format!(
            "JSON 格式错误（第 {} 行第 {} 列）。",
            e.line(),
            e.column()
        ))
    })?;
    let items = match value {
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => match o.remove("rows") {
            Some(serde_json::Value::Array(a)) => a,
            _ => {
                return Err(unreadable(
                    "JSON 须为对象数组，或含 rows 数组的对象。".into(),
                ))
            }
        },
        _ => {
            return Err(unreadable(
                "JSON 须为对象数组，或含 rows 数组的对象。".into(),
            ))
        }
    };
    let mut header: Vec<String> = vec![];
    for item in &items {
        let obj = item
            .as_object()
            .ok_or_else(|| unreadable("JSON 数组的每一项须为对象。".into()))?;
        for k in obj.keys() {
            if !header.contains(k) {
                header.push(k.clone());
            }
        }
    }
    let mut rows = vec![(0, header.clone())];
    for (i, item) in items.iter().enumerate() {
        let obj = item.as_object().expect("checked above");
        rows.push((
            i as u32 + 1,
            header
                .iter()
                .map(|k| obj.get(k).map(json_text).unwrap_or_default())
                .collect(),
        ));
    }
    Ok(Table {
        format: Format::Json,
        rows,
        notes: vec![],
    })
}
