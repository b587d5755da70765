//! A run's ranking as a print-ready DOCX (docx-rs), for the presidium's meeting: A4
//! portrait, the run's name and period, one table of every deputy the caller may read
//! (名次, 姓名, 代表小组, 总分, 等次, 说明: the score's flags), the groups' table when
//! the scheme scores groups, and how the totals were computed.

use crate::assessments::records::docx::{a4, heading, pack, run, table, title};
use crate::error::ApiError;
use docx_rs::{AlignmentType, LineSpacing, Paragraph};
use renda_openapi::{RunScores, ScoreFlag};

/// The rows of the deputies' table.
fn deputy_rows(s: &RunScores) -> Vec<Vec<String>> {
    s.scores
        .iter()
        .map(|d| {
            let flags: Vec<&str> = d.flags.iter().map(|f| f.label_zh()).collect();
            vec![
                d.rank.to_string(),
                d.deputy.name.clone(),
                d.deputy.deputy_group_name.clone().unwrap_or_default(),
                format!("{:.2}", d.total),
                d.grade.label_zh().to_string(),
                flags.join("；"),
            ]
        })
        .collect()
}

/// The document: `name` and `period` head it. Errors: 500 if the document cannot be
/// packed.
pub fn document(name: &str, period: &str, s: &RunScores) -> Result<Vec<u8>, ApiError> {
    let mut doc = a4()
        .add_paragraph(title(name))
        .add_paragraph(
            Paragraph::new()
                .add_run(run(&format!(
                    "考核期间：{period}　参加考核：{} 人",
                    s.assessed
                )))
                .align(AlignmentType::Center),
        )
        .add_paragraph(heading("一、代表得分排名", 30))
        .add_table(table(
            &[900, 1500, 2100, 1200, 1100, 2220],
            &["名次", "姓名", "代表小组", "总分", "等次", "说明"],
            deputy_rows(s),
        ));
    if !s.groups.is_empty() {
        let rows = s
            .groups
            .iter()
            .map(|g| {
                vec![
                    g.rank.to_string(),
                    g.name.clone(),
                    g.members.to_string(),
                    format!("{:.2}", g.member_average),
                    g.activities.to_string(),
                    format!("{:.2}", g.total),
                    if g.proposed {
                        "拟评先进".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        doc = doc
            .add_paragraph(heading("二、代表小组得分", 30))
            .add_table(table(
                &[800, 2300, 900, 1400, 1100, 1200, 1320],
                &[
                    "名次",
                    "代表小组",
                    "人数",
                    "成员平均分",
                    "活动次数",
                    "总分",
                    "说明",
                ],
                rows,
            ));
    }
    let missing = s
        .scores
        .iter()
        .filter(|d| d.flags.contains(&ScoreFlag::RatingsMissing))
        .count();
    let note = format!(
        "总分按考核细则逐项计算，同分名次并列；各项明细见“计分说明”表（XLSX）。评议打分未完成的代表 {missing} 人。"
    );
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&note).size(18))
            .line_spacing(LineSpacing::new().before(360)),
    );
    pack(doc)
}
