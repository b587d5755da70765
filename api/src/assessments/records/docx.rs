//! One deputy's performance record as a print-ready DOCX (docx-rs): A4 portrait, the
//! title 人大代表履职档案, the basic information, the counts of the period, then one
//! numbered section per part of the record with a table of its lines (日期, 类别, 事项,
//! 情况). Headings in Chinese, 宋体 body and 黑体 headings.

use crate::error::ApiError;
use crate::schema::deputies;
use diesel::prelude::*;
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow, WidthType,
};
use renda_openapi::{
    DeputyId, Gender, Metric, PerformanceRecord, RateMetric, RecordItem, RecordSection,
    RecordSource,
};

/// The basic information printed besides the deputy's place in the term (never the ID
/// number, phone or address; the birth year only).
#[derive(Debug, Clone, Queryable)]
pub struct Basic {
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_year: Option<i32>,
    pub party: Option<String>,
    pub workplace_post: Option<String>,
}

/// Reads the basic information of a deputy (the caller's access is checked before).
pub fn basic(conn: &mut PgConnection, deputy: DeputyId) -> QueryResult<Basic> {
    deputies::table
        .find(deputy)
        .select((
            deputies::gender,
            deputies::ethnicity,
            deputies::birth_year,
            deputies::party,
            deputies::workplace_post,
        ))
        .first(conn)
}

const NUMERALS: [&str; 12] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];
/// A4 in twentieths of a point, and the text width inside 2.5 cm margins.
const A4: (u32, u32) = (11906, 16838);
const TEXT_WIDTH: usize = 9020;

/// `text` without the characters XML 1.0 cannot hold (control characters other than tab
/// and line breaks): names and titles typed elsewhere may carry them, and one would make
/// the document unreadable.
pub(crate) fn printable(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// A run of body text: 宋体, 12 pt.
pub(crate) fn run(text: &str) -> Run {
    Run::new()
        .add_text(printable(text))
        .fonts(RunFonts::new().east_asia("宋体").ascii("Times New Roman"))
        .size(24)
}

/// A heading: 黑体, bold, `size` in half-points.
pub(crate) fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(
            Run::new()
                .add_text(printable(text))
                .fonts(RunFonts::new().east_asia("黑体").ascii("Arial"))
                .size(size)
                .bold(),
        )
        .line_spacing(LineSpacing::new().before(240).after(120))
}

fn cell(text: &str, width: usize, bold: bool) -> TableCell {
    let r = run(text).size(21);
    let r = if bold { r.bold() } else { r };
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(Paragraph::new().add_run(r))
}

/// A table across the text width: a bold header row, then `rows`; `widths` in
/// twentieths of a point.
pub(crate) fn table(widths: &[usize], header: &[&str], rows: Vec<Vec<String>>) -> Table {
    let mut all = vec![TableRow::new(
        header
            .iter()
            .zip(widths)
            .map(|(h, w)| cell(h, *w, true))
            .collect(),
    )];
    for r in rows {
        all.push(TableRow::new(
            r.iter()
                .zip(widths)
                .map(|(t, w)| cell(t, *w, false))
                .collect(),
        ));
    }
    Table::new(all)
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn or_dash(v: Option<String>) -> String {
    v.filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into())
}

fn basic_rows(r: &PerformanceRecord, b: &Basic) -> Vec<Vec<String>> {
    let d = &r.deputy;
    let gender = b
        .gender
        .as_deref()
        .and_then(Gender::parse)
        .map(|g| g.label_zh().to_string());
    vec![
        vec![
            "姓名".into(),
            d.name.clone(),
            "性别".into(),
            or_dash(gender),
        ],
        vec![
            "民族".into(),
            or_dash(b.ethnicity.clone()),
            "出生年份".into(),
            or_dash(b.birth_year.map(|y| y.to_string())),
        ],
        vec![
            "党派".into(),
            or_dash(b.party.clone()),
            "职务".into(),
            or_dash(d.post.map(|p| p.label_zh().to_string())),
        ],
        vec![
            "工作单位及职务".into(),
            or_dash(b.workplace_post.clone()),
            "选区".into(),
            or_dash(d.constituency.clone()),
        ],
        vec![
            "代表小组".into(),
            or_dash(d.deputy_group_name.clone()),
            "代表团".into(),
            or_dash(d.delegation_name.clone()),
        ],
    ]
}

fn count_rows(r: &PerformanceRecord) -> Vec<Vec<String>> {
    let mut cells: Vec<(String, String)> = Metric::ALL
        .iter()
        .filter(|m| r.counts.get(**m) > 0)
        .map(|m| (m.label_zh().to_string(), r.counts.get(*m).to_string()))
        .collect();
    cells.extend(RateMetric::ALL.iter().filter_map(|m| {
        r.rates
            .get(m)
            .map(|v| (m.label_zh().to_string(), format!("{v:.2}%")))
    }));
    if cells.is_empty() {
        cells.push(("本期无履职记录".into(), "—".into()));
    }
    cells
        .chunks(2)
        .map(|pair| {
            let mut row = vec![];
            for (k, v) in pair {
                row.push(k.clone());
                row.push(v.clone());
            }
            row.resize(4, String::new());
            row
        })
        .collect()
}

/// What the 情况 column says of a line.
fn state(item: &RecordItem) -> String {
    match &item.source {
        RecordSource::Activity { attendance, .. } => attendance.label_zh().to_string(),
        RecordSource::Suggestion {
            status,
            result_class,
            satisfaction,
            ..
        } => {
            let mut s = status.label_zh().to_string();
            if let Some(c) = result_class {
                s.push_str(&format!("；{}", c.label_zh()));
            }
            if let Some(f) = satisfaction {
                s.push_str(&format!("；代表评价：{}", f.label_zh()));
            }
            s
        }
        RecordSource::Motion { status, .. } => status.label_zh().to_string(),
        RecordSource::DutyReport {
            satisfaction_rate, ..
        } => satisfaction_rate
            .map(|v| format!("满意率 {v:.2}%"))
            .unwrap_or_else(|| "未测评".into()),
        RecordSource::WorkAppraisal { .. } => "参加".into(),
        RecordSource::Award { .. } => "已表彰".into(),
        RecordSource::Entry { .. } => "已审核".into(),
    }
}

/// An empty A4 portrait document: 2.5 cm margins, 宋体.
pub(crate) fn a4() -> Docx {
    Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1417)
                .right(1417),
        )
        .default_fonts(RunFonts::new().east_asia("宋体"))
}

/// A document's title: 黑体, 22 pt, centred.
pub(crate) fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(
            Run::new()
                .add_text(printable(text))
                .fonts(RunFonts::new().east_asia("黑体"))
                .size(44)
                .bold(),
        )
        .align(AlignmentType::Center)
}

/// The document as DOCX bytes.
pub(crate) fn pack(doc: Docx) -> Result<Vec<u8>, ApiError> {
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(buf.into_inner())
}

/// The page setup, the title, the basic information and the counts.
fn front(r: &PerformanceRecord, b: &Basic) -> Docx {
    let title = title("人大代表履职档案");
    let subtitle = Paragraph::new()
        .add_run(run(&format!(
            "{}　{} 至 {}",
            r.deputy.name, r.period.from, r.period.to
        )))
        .align(AlignmentType::Center);
    a4().add_paragraph(title)
        .add_paragraph(subtitle)
        .add_paragraph(heading("一、基本情况", 30))
        .add_table(table(
            &[1900, 2610, 1900, 2610],
            &["项目", "内容", "项目", "内容"],
            basic_rows(r, b),
        ))
        .add_paragraph(heading("二、履职统计", 30))
        .add_table(table(
            &[2710, 1800, 2710, 1800],
            &["项目", "数量", "项目", "数量"],
            count_rows(r),
        ))
}

/// The document as bytes.
pub fn document(r: &PerformanceRecord, b: &Basic) -> Result<Vec<u8>, ApiError> {
    let mut doc = front(r, b);
    let parts = r
        .sections
        .iter()
        .filter(|s| s.section != RecordSection::Basic);
    for (n, s) in parts.enumerate() {
        let label = NUMERALS.get(n + 2).copied().unwrap_or("");
        doc = doc.add_paragraph(heading(&format!("{label}、{}", s.section.label_zh()), 30));
        if s.items.is_empty() {
            doc = doc.add_paragraph(Paragraph::new().add_run(run("本期无记录。")));
            continue;
        }
        let rows = s
            .items
            .iter()
            .map(|i| {
                vec![
                    i.date.to_string(),
                    i.label.clone(),
                    i.title.clone(),
                    state(i),
                ]
            })
            .collect();
        doc = doc.add_table(table(
            &[1500, 1700, 3620, 2200],
            &["日期", "类别", "事项", "情况"],
            rows,
        ));
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(
                run("本档案由人大代表履职管理系统根据会议活动、建议议案等记录自动生成。").size(18),
            )
            .line_spacing(LineSpacing::new().before(360)),
    );
    pack(doc)
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn only_what_xml_can_hold_is_printed() {
        assert_eq!(printable("a\u{1}b\u{1b}[31m<&>\u{FFFF}"), "ab[31m<&>");
        assert_eq!(printable("一\t二\n三"), "一\t二\n三");
    }
}
