//! Every deputy × the counts of their record as one XLSX sheet (履职统计): one row per
//! deputy, the columns of every metric in the contract's order, then the rates.

use crate::error::ApiError;
use renda_openapi::{Metric, PerformanceSummaryPage, RateMetric};
use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The columns before the counts.
pub const LEADING: [&str; 4] = ["姓名", "代表小组", "选区", "职务"];

fn err(e: XlsxError) -> ApiError {
    ApiError::Internal(e.to_string())
}

/// The workbook: a title row naming the period, the header row (bold), then one row per
/// deputy: name, group, constituency, post, every [`Metric`] (numbers), every
/// [`RateMetric`] in percent with two decimals (empty when there is nothing to rate).
pub fn workbook(page: &PerformanceSummaryPage) -> Result<Vec<u8>, ApiError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.00");
    let sheet = book.add_worksheet();
    sheet.set_name("履职统计").map_err(err)?;
    sheet
        .write_string_with_format(
            0,
            0,
            format!("代表履职统计（{} 至 {}）", page.period.from, page.period.to),
            &bold,
        )
        .map_err(err)?;
    let headers = LEADING
        .iter()
        .copied()
        .chain(Metric::ALL.iter().map(|m| m.label_zh()))
        .chain(RateMetric::ALL.iter().map(|r| r.label_zh()));
    for (j, h) in headers.enumerate() {
        sheet
            .write_string_with_format(1, j as u16, h, &bold)
            .map_err(err)?;
    }
    sheet.set_column_width(0, 10).map_err(err)?;
    sheet.set_freeze_panes(2, 1).map_err(err)?;
    for (i, s) in page.items.iter().enumerate() {
        let row = i as u32 + 2;
        let d = &s.deputy;
        let texts = [
            d.name.clone(),
            d.deputy_group_name.clone().unwrap_or_default(),
            d.constituency.clone().unwrap_or_default(),
            d.post.map(|p| p.label_zh().to_string()).unwrap_or_default(),
        ];
        for (j, t) in texts.iter().enumerate() {
            sheet.write_string(row, j as u16, t).map_err(err)?;
        }
        let mut col = LEADING.len() as u16;
        for m in Metric::ALL {
            sheet
                .write_number(row, col, f64::from(s.counts.get(*m)))
                .map_err(err)?;
            col += 1;
        }
        for r in RateMetric::ALL {
            if let Some(v) = s.counts.rate(*r) {
                sheet
                    .write_number_with_format(row, col, (v * 100.0).round() / 100.0, &percent)
                    .map_err(err)?;
            }
            col += 1;
        }
    }
    book.save_to_buffer().map_err(err)
}
