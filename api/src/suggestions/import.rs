//! Import of suggestions from a file (issue 5 item 8), read by the roster import's
//! machinery ([`crate::imports::table`], [`crate::imports::columns::layout`]): CSV (UTF-8
//! with or without BOM, or GB18030; quoted fields over several lines), XLSX (title rows
//! above the header allowed) or JSON.
//!
//! Each row becomes a `submitted` item of origin `imported`, or is reported:
//!
//! - **Key.** The file's number (提案号) and year (the year column, else the year of the
//!   submission date) identify the item: a row whose key was imported before is
//!   `unchanged` and nothing is written, so importing a file twice changes nothing. Fields
//!   the file now gives differently are listed in `differs`, not overwritten (the item may
//!   be in handling already).
//! - **Proposers** are matched by name against the deputies of the congress and never
//!   created. `X等N人` names X and counts N−1 more; `张三、李四` names two. The first named
//!   proposer, if it is the only deputy of that name, becomes the lead deputy, other
//!   matched names confirmed co-signers. A body (民盟江苏省委, 省政协学习委员会) is no deputy;
//!   an unmatched or ambiguous name is reported and kept as text (`imported.proposer`).
//! - **Categories** are placed in the configured taxonomy (the congress's own and its
//!   ancestors'): a category of the same path or name, else the mapping table
//!   [`CATEGORY_MAP`], else none, with a warning. Categories are never created.
//! - **State.** A file of proposals as filed (no handling result) gives `submitted` items
//!   dated by the file (`submitted_on`); no referral deadline is derived from a historical
//!   date, so they are not reported overdue. The office reviews them like any other item.

use crate::error::ApiError;
use crate::imports::columns::{find_header, ColumnSet, Layout};
use crate::schema::{
    deputies, suggestion_events, suggestion_imports, suggestion_signers, suggestions,
};
use chrono::{Datelike, NaiveDate, Utc};
use diesel::prelude::*;
use renda_openapi::{
    CategoryMapping, CellMessage, FieldError, ImportedCategory, ImportedProposer, ProposerMatch,
    RowOutcome, SuggestionImportReport, SuggestionImportRow, SuggestionImportSummary,
    SuggestionKind,
};
use std::collections::HashMap;
use uuid::Uuid;

/// A column the suggestions import understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SuggestionColumn {
    Seq,
    Reference,
    Year,
    Proposer,
    Submitted,
    Title,
    Kind,
    Category,
    Content,
    SourceId,
}

impl SuggestionColumn {
    /// Every column with its accepted headers; the first is the canonical Chinese one.
    pub const ALL: [(SuggestionColumn, &'static [&'static str]); 10] = [
        (
            SuggestionColumn::Seq,
            &["序号", "rownum", "no", "no.", "#", "seq"],
        ),
        (
            SuggestionColumn::Reference,
            &[
                "编号",
                "提案号",
                "提案编号",
                "建议编号",
                "案号",
                "proposal_number",
                "number",
                "reference",
            ],
        ),
        (SuggestionColumn::Year, &["年度", "年份", "year"]),
        (
            SuggestionColumn::Proposer,
            &[
                "提出人",
                "提案人",
                "建议人",
                "领衔代表",
                "领衔人",
                "代表",
                "personnel_name",
                "proposer",
                "proposers",
            ],
        ),
        (
            SuggestionColumn::Submitted,
            &[
                "提交日期",
                "提交时间",
                "提出日期",
                "提出时间",
                "发布时间",
                "日期",
                "publish_time",
                "submitted_on",
                "date",
            ],
        ),
        (
            SuggestionColumn::Title,
            &[
                "案由",
                "标题",
                "题目",
                "建议标题",
                "reason",
                "title",
                "subject",
            ],
        ),
        (SuggestionColumn::Kind, &["种类", "性质", "kind"]),
        (
            SuggestionColumn::Category,
            &["类别", "分类", "类型", "提案类别", "type", "category"],
        ),
        (
            SuggestionColumn::Content,
            &[
                "内容",
                "正文",
                "建议内容",
                "提案内容",
                "content",
                "body",
                "text",
            ],
        ),
        (
            SuggestionColumn::SourceId,
            &["pkid", "guid", "id", "外部编号"],
        ),
    ];
}

impl ColumnSet for SuggestionColumn {
    fn from_header(h: &str) -> Option<Self> {
        find_header(&Self::ALL, h)
    }
    fn header(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, h)| h[0])
            .unwrap_or("")
    }
    fn field(self) -> &'static str {
        match self {
            SuggestionColumn::Seq => "seq",
            SuggestionColumn::Reference => "reference",
            SuggestionColumn::Year => "year",
            SuggestionColumn::Proposer => "proposer",
            SuggestionColumn::Submitted => "submitted_on",
            SuggestionColumn::Title => "title",
            SuggestionColumn::Kind => "kind",
            SuggestionColumn::Category => "category",
            SuggestionColumn::Content => "content",
            SuggestionColumn::SourceId => "source_id",
        }
    }
    fn expected() -> &'static str {
        "表头应写明 编号（提案号）、提出人、案由（标题）、类别、内容，可选 提交日期、年度（或 proposal_number、personnel_name、reason、type、content 等英文列名）。"
    }
}

/// The file's categories that have no category of the same name in the TipDM taxonomy
/// the suggestion categories are seeded from (附件1.xlsx), and the configured category
/// (path) each maps to. Chosen by subject: the Jiangsu CPPCC's 14 proposal categories
/// against the 15 top-level government-affairs classes. 统战综合 (united front and
/// miscellaneous) spans several classes and is left unmapped on purpose.
pub const CATEGORY_MAP: &[(&str, &str)] = &[
    ("教育事业", "教育文体"),
    ("文化宣传", "教育文体 / 文化"),
    ("医卫体育", "卫生计生"),
    ("社会事业", "民政"),
    ("经济发展", "经济管理"),
    ("财税金融", "经济管理 / 金融财税"),
    ("工业商贸", "商贸旅游"),
    ("农林水利", "农村农业"),
    ("资源环境", "环境保护"),
    ("政治建设", "党务政务 / 政治体制"),
    ("科学技术", "科技与信息产业 / 科学技术"),
    ("法制建设", "政法 / 法制建设"),
];

fn msg(column: Option<String>, code: &str, message: impl Into<String>) -> CellMessage {
    CellMessage {
        column,
        code: code.into(),
        message: message.into(),
        params: None,
    }
}

/// Name without inner spaces (rosters pad two-character names: `王  林`).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// Whether a proposer is a body rather than a person: a party organisation, a committee,
/// an office. Personal names have 2–4 characters (more only with `·`).
pub fn is_body(name: &str) -> bool {
    const MARKERS: &[&str] = &[
        "委员会",
        "省委",
        "市委",
        "县委",
        "区委",
        "党委",
        "党组",
        "支部",
        "政协",
        "人大",
        "政府",
        "学社",
        "工商联",
        "联合会",
        "协会",
        "学会",
        "商会",
        "民革",
        "民盟",
        "民建",
        "民进",
        "农工党",
        "致公党",
        "台盟",
        "办公室",
        "代表团",
        "小组",
        "公司",
        "集团",
    ];
    let n = name.chars().count();
    MARKERS.iter().any(|m| name.contains(m))
        || (n > 4 && !name.contains('·'))
        || (n >= 3 && name.ends_with(['局', '厅', '委', '院', '办', '所']))
}

/// The names a proposer cell gives, with the count of further unnamed proposers:
/// `冯少东等2人` → (`[冯少东]`, 1); `张三、李四` → (`[张三, 李四]`, 0).
pub fn parse_proposers(cell: &str) -> (Vec<String>, u32, bool) {
    let mut text = squeeze(cell);
    let mut others = 0;
    let mut vague = false;
    if let Some(rest) = text.strip_suffix('人') {
        if let Some(i) = rest.rfind('等') {
            let digits = &rest[i + '等'.len_utf8()..];
            if let Ok(n) = digits.parse::<u32>() {
                text = rest[..i].to_string();
                others = n.saturating_sub(1);
            }
        }
    } else if let Some(rest) = text.strip_suffix('等') {
        text = rest.to_string();
        vague = true;
    }
    let names: Vec<String> = text
        .split(['、', ',', '，', ';', '；', '/'])
        .map(str::to_string)
        .filter(|s| !s.is_empty())
        .collect();
    (names, others, vague)
}

/// Parses a date as files write it: `2019-01-12 16:04:48`, `2019/1/12`, `2019.1.12`,
/// `2019年1月12日`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let first = s.trim().split([' ', 'T']).next()?;
    let norm: String = first
        .replace(['年', '月', '/', '.'], "-")
        .trim_end_matches('日')
        .to_string();
    NaiveDate::parse_from_str(&norm, "%Y-%m-%d").ok()
}

/// A configured category usable in the congress.
struct Usable {
    id: Uuid,
    name: String,
    path: String,
    /// 0 for the congress's own, 1 for its parent's …
    rank: usize,
}

/// Where the file's categories go, decided once per distinct name.
struct Taxonomy {
    usable: Vec<Usable>,
    memo: HashMap<String, (CategoryMapping, Option<(Uuid, String)>)>,
}

impl Taxonomy {
    fn load(conn: &mut PgConnection, congress: Uuid) -> QueryResult<Taxonomy> {
        let congresses = super::repo::congress_and_ancestors(conn, congress)?;
        let (rows, paths) = super::repo::category_paths(conn, &congresses)?;
        let usable = rows
            .into_iter()
            .filter(|r| r.is_active)
            .map(|r| Usable {
                path: paths.get(&r.id).cloned().unwrap_or_default(),
                rank: congresses.len()
                    - 1
                    - congresses
                        .iter()
                        .position(|c| *c == r.congress_id)
                        .unwrap_or(0),
                id: r.id,
                name: r.name,
            })
            .collect();
        Ok(Taxonomy {
            usable,
            memo: HashMap::new(),
        })
    }

    /// The nearest congress's category with this path.
    fn by_path(&self, path: &str) -> Option<(Uuid, String)> {
        self.usable
            .iter()
            .filter(|u| u.path == path)
            .min_by_key(|u| u.rank)
            .map(|u| (u.id, u.path.clone()))
    }

    fn resolve(&mut self, written: &str) -> (CategoryMapping, Option<(Uuid, String)>) {
        if let Some(hit) = self.memo.get(written) {
            return hit.clone();
        }
        let path = written
            .split('/')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" / ");
        let found = if let Some(hit) = self.by_path(&path) {
            (CategoryMapping::SameName, Some(hit))
        } else {
            // One path among the categories of that name (`其他` is under every class).
            let mut same: Vec<&str> = self
                .usable
                .iter()
                .filter(|u| u.name == written)
                .map(|u| u.path.as_str())
                .collect();
            same.sort_unstable();
            same.dedup();
            match same.as_slice() {
                [one] => (CategoryMapping::SameName, self.by_path(one)),
                _ => match CATEGORY_MAP
                    .iter()
                    .find(|(from, _)| *from == written)
                    .and_then(|(_, to)| self.by_path(to))
                {
                    Some(hit) => (CategoryMapping::MappingTable, Some(hit)),
                    None => (CategoryMapping::Unmapped, None),
                },
            }
        };
        self.memo.insert(written.to_string(), found.clone());
        found
    }
}

/// A suggestion imported before, by its key.
#[derive(Queryable)]
struct Stored {
    id: Uuid,
    source_year: Option<i32>,
    source_reference: String,
    title: String,
    content: String,
    category_id: Option<Uuid>,
    lead_deputy_id: Option<Uuid>,
    submitted_on: Option<NaiveDate>,
    proposer: Option<String>,
    source_category: Option<String>,
}

/// A row ready to write.
struct NewItem {
    id: Uuid,
    row: u32,
    kind: SuggestionKind,
    title: String,
    content: String,
    category_id: Option<Uuid>,
    lead: Option<Uuid>,
    co: Vec<Uuid>,
    submitted_on: Option<NaiveDate>,
    proposer: String,
    year: Option<i32>,
    reference: String,
    source_category: Option<String>,
}

/// Options of one run.
pub struct Run {
    pub congress: Uuid,
    pub dry_run: bool,
    pub all_or_nothing: bool,
    pub only_problems: bool,
    pub actor: Uuid,
    pub actor_role: &'static str,
    /// `IMPORT_MAX_REPORT_BYTES`: the bound of the rows the report lists.
    pub report_bytes: usize,
}

/// Imports the rows of a read file into the congress, inside the caller's transaction.
///
/// Errors: 422 when the header lacks a required column, or (with `all_or_nothing`) with
/// every failing row.
pub fn run(
    conn: &mut PgConnection,
    opts: &Run,
    mut layout: Layout<SuggestionColumn>,
    format: &str,
) -> Result<SuggestionImportReport, ApiError> {
    use SuggestionColumn as C;
    let missing: Vec<&str> = [C::Reference, C::Proposer, C::Title, C::Content]
        .into_iter()
        .filter(|c| !layout.has(*c))
        .map(|c| c.header())
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::field(
            "",
            "missing_header",
            format!(
                "文件缺少必需的列：{}。{}",
                missing.join("、"),
                SuggestionColumn::expected()
            ),
        ));
    }
    let today = crate::http::today();
    let now = Utc::now();
    // Deputies of the congress by name (without inner spaces).
    let mut by_name: HashMap<String, Vec<Uuid>> = HashMap::new();
    for (id, name) in deputies::table
        .filter(deputies::congress_id.eq(opts.congress))
        .order(deputies::id)
        .select((deputies::id, deputies::name))
        .load::<(Uuid, String)>(conn)?
    {
        by_name.entry(squeeze(&name)).or_default().push(id);
    }
    let mut taxonomy = Taxonomy::load(conn, opts.congress)?;
    let stored: HashMap<(i32, String), Stored> = suggestion_imports::table
        .inner_join(suggestions::table)
        .filter(suggestion_imports::congress_id.eq(opts.congress))
        .select((
            suggestions::id,
            suggestion_imports::source_year,
            suggestion_imports::source_reference,
            suggestions::title,
            suggestions::content,
            suggestions::category_id,
            suggestions::lead_deputy_id,
            suggestions::submitted_on,
            suggestion_imports::proposer,
            suggestion_imports::source_category,
        ))
        .load::<Stored>(conn)?
        .into_iter()
        .map(|s| ((s.source_year.unwrap_or(0), s.source_reference.clone()), s))
        .collect();

    let cells = std::mem::take(&mut layout.rows);
    let mut summary = SuggestionImportSummary {
        rows: cells.len() as u32,
        ..Default::default()
    };
    let mut seen: HashMap<(i32, String), u32> = HashMap::new();
    let mut reports = Vec::with_capacity(cells.len());
    let mut budget = crate::imports::report::Budget::new(opts.report_bytes, &());
    let mut new_items = vec![];
    let mut mapping: Vec<(String, String)> = vec![];
    for (row, cells) in cells {
        let cell = |c: C| layout.cell(&cells, c);
        let col = |c: C| Some(layout.header_of(c));
        let mut errors = vec![];
        let mut warnings = vec![];

        let reference = crate::deputies::personal::clean(&cell(C::Reference));
        match &reference {
            None => errors.push(msg(
                col(C::Reference),
                "required",
                "缺少编号（提案号）：没有编号无法识别重复导入。",
            )),
            Some(r) if r.chars().count() > 100 => errors.push(msg(
                col(C::Reference),
                "too_long",
                "编号不能超过 100 个字符。",
            )),
            _ => {}
        }
        let title = crate::deputies::personal::clean(&cell(C::Title));
        match &title {
            None => errors.push(msg(col(C::Title), "required", "案由（标题）不能为空。")),
            Some(t) if t.chars().count() > 200 => errors.push(msg(
                col(C::Title),
                "too_long",
                "案由（标题）不能超过 200 个字符。",
            )),
            _ => {}
        }
        let content = cell(C::Content);
        if content.trim().is_empty() {
            errors.push(msg(col(C::Content), "required", "内容不能为空。"));
        } else if content.chars().count() > 20_000 {
            errors.push(msg(
                col(C::Content),
                "too_long",
                "内容不能超过 20000 个字符。",
            ));
        }
        let raw_date = crate::deputies::personal::clean(&cell(C::Submitted));
        let submitted_on = raw_date.as_deref().and_then(parse_date);
        match (&raw_date, submitted_on) {
            (Some(raw), None) => warnings.push(msg(
                col(C::Submitted),
                "invalid_date",
                format!("提交日期“{raw}”不是有效日期，未导入该项。"),
            )),
            (_, Some(d)) if d > today => {
                warnings.push(msg(
                    col(C::Submitted),
                    "future_date",
                    format!("提交日期 {d} 晚于今天。"),
                ));
            }
            _ => {}
        }
        let raw_year = crate::deputies::personal::clean(&cell(C::Year));
        let year = match raw_year.as_deref().map(|y| y.parse::<i32>()) {
            Some(Ok(y)) if (1949..=2100).contains(&y) => Some(y),
            Some(_) => {
                errors.push(msg(
                    col(C::Year),
                    "invalid_year",
                    format!("年度“{}”无效。", raw_year.clone().unwrap_or_default()),
                ));
                None
            }
            None => submitted_on.map(|d| d.year()),
        };
        let kind = match crate::deputies::personal::clean(&cell(C::Kind)) {
            None => SuggestionKind::Suggestion,
            Some(k) => match SuggestionKind::ALL
                .iter()
                .copied()
                .find(|v| v.as_str() == k || v.label_zh() == k)
            {
                Some(v) => v,
                None if matches!(k.as_str(), "提案" | "议案建议") => {
                    SuggestionKind::Suggestion
                }
                None => {
                    errors.push(msg(
                        col(C::Kind),
                        "invalid_kind",
                        format!("种类“{k}”无效，应为 建议、批评 或 意见。"),
                    ));
                    SuggestionKind::Suggestion
                }
            },
        };

        // Proposers: matched, never created.
        let written_proposer = crate::deputies::personal::clean(&cell(C::Proposer));
        let mut proposers = vec![];
        match &written_proposer {
            None => errors.push(msg(col(C::Proposer), "required", "提出人不能为空。")),
            Some(w) => {
                let (names, others, vague) = parse_proposers(w);
                if vague {
                    warnings.push(msg(
                        col(C::Proposer),
                        "unnamed_proposers",
                        format!("提出人“{w}”以“等”结尾，其余提出人未列名，未关联。"),
                    ));
                }
                for (i, name) in names.iter().enumerate() {
                    let mut p = ImportedProposer {
                        written: w.clone(),
                        name: name.clone(),
                        matched: ProposerMatch::Unmatched,
                        deputy_id: None,
                        candidates: vec![],
                        unnamed_others: if i == 0 { others } else { 0 },
                    };
                    if is_body(name) {
                        p.matched = ProposerMatch::Body;
                        warnings.push(msg(
                            col(C::Proposer),
                            "proposer_is_body",
                            format!("提出人“{name}”是单位，不是代表，建议不关联领衔代表。"),
                        ));
                    } else {
                        match by_name.get(name).map(Vec::as_slice) {
                            Some([d]) => {
                                p.matched = ProposerMatch::Matched;
                                p.deputy_id = Some(*d);
                            }
                            Some(many) => {
                                p.matched = ProposerMatch::Ambiguous;
                                p.candidates = many.to_vec();
                                warnings.push(msg(
                                    col(C::Proposer),
                                    "proposer_ambiguous",
                                    format!(
                                        "本人大有 {} 名代表叫“{name}”，无法确定是哪一位，未关联。",
                                        many.len()
                                    ),
                                ));
                            }
                            None => warnings.push(msg(
                                col(C::Proposer),
                                "proposer_not_deputy",
                                format!("提出人“{name}”不是本人大的代表，未关联，也未新建代表。"),
                            )),
                        }
                    }
                    proposers.push(p);
                }
                if others > 0 {
                    warnings.push(msg(
                        col(C::Proposer),
                        "unnamed_proposers",
                        format!("“{w}”中另有 {others} 名提出人未列名，未关联。"),
                    ));
                }
                if names.is_empty() {
                    errors.push(msg(
                        col(C::Proposer),
                        "required",
                        format!("提出人“{w}”中没有姓名。"),
                    ));
                }
            }
        }

        // Category: mapped onto the configured taxonomy, never created.
        let written_category = crate::deputies::personal::clean(&cell(C::Category));
        let category = written_category.as_ref().map(|w| {
            let (by, hit) = taxonomy.resolve(w);
            if !mapping.iter().any(|(from, _)| from == w) {
                let to = match (&hit, by) {
                    (Some((_, path)), CategoryMapping::MappingTable) => format!("{path}（对照表）"),
                    (Some((_, path)), _) => format!("{path}（同名）"),
                    (None, _) => "未对应".to_string(),
                };
                mapping.push((w.clone(), to));
            }
            if hit.is_none() {
                warnings.push(msg(
                    col(C::Category),
                    "category_unmapped",
                    format!("类别“{w}”在已配置的分类中没有对应项，导入后未分类，请人工归类。"),
                ));
            }
            ImportedCategory {
                written: w.clone(),
                mapped_by: by,
                category_id: hit.as_ref().map(|h| h.0),
                path: hit.map(|h| h.1),
            }
        });

        // The key, once per file.
        let key = reference.clone().map(|r| (year.unwrap_or(0), r));
        if let Some(k) = &key {
            if let Some(first) = seen.get(k) {
                errors.push(msg(
                    col(C::Reference),
                    "duplicate_in_file",
                    format!("编号与第 {first} 行相同（同一年度）。"),
                ));
            } else if errors.is_empty() {
                seen.insert(k.clone(), row);
            }
        }

        let lead = proposers.first().and_then(|p| p.deputy_id);
        let co: Vec<Uuid> = proposers
            .iter()
            .skip(1)
            .filter_map(|p| p.deputy_id)
            .filter(|d| Some(*d) != lead)
            .collect();
        let category_id = category.as_ref().and_then(|c| c.category_id);
        let (outcome, suggestion_id, differs) = if !errors.is_empty() {
            (RowOutcome::Error, None, vec![])
        } else if let Some(s) = key.as_ref().and_then(|k| stored.get(k)) {
            let mut differs = vec![];
            let mut differ = |field: &str, same: bool| {
                if !same {
                    differs.push(field.to_string());
                }
            };
            differ("title", Some(&s.title) == title.as_ref());
            differ("content", s.content == content);
            differ("submitted_on", s.submitted_on == submitted_on);
            differ("proposer", s.proposer == written_proposer);
            differ("lead_deputy_id", s.lead_deputy_id == lead);
            differ("category", s.source_category == written_category);
            differ("category_id", s.category_id == category_id);
            if !differs.is_empty() {
                warnings.push(msg(
                    None,
                    "differs_from_imported",
                    format!(
                        "该编号已导入（{}），文件中以下内容与已导入的不同，未覆盖：{}。",
                        s.id,
                        differs.join("、")
                    ),
                ));
            }
            (RowOutcome::Unchanged, Some(s.id), differs)
        } else {
            let id = Uuid::now_v7();
            new_items.push(NewItem {
                id,
                row,
                kind,
                title: title.clone().unwrap_or_default(),
                content: content.clone(),
                category_id,
                lead,
                co,
                submitted_on,
                proposer: written_proposer.clone().unwrap_or_default(),
                year,
                reference: reference.clone().unwrap_or_default(),
                source_category: written_category.clone(),
            });
            (RowOutcome::Create, (!opts.dry_run).then_some(id), vec![])
        };
        match outcome {
            RowOutcome::Create => summary.create += 1,
            RowOutcome::Unchanged => summary.unchanged += 1,
            RowOutcome::Update => {}
            RowOutcome::Error => summary.error += 1,
        }
        if outcome != RowOutcome::Error {
            for p in &proposers {
                match p.matched {
                    ProposerMatch::Matched => summary.proposers_matched += 1,
                    ProposerMatch::Unmatched => summary.proposers_unmatched += 1,
                    ProposerMatch::Ambiguous => summary.proposers_ambiguous += 1,
                    ProposerMatch::Body => summary.proposers_bodies += 1,
                }
            }
            summary.proposers_with_unnamed_others +=
                u32::from(proposers.first().is_some_and(|p| p.unnamed_others > 0));
            match &category {
                None => summary.categories_missing += 1,
                Some(c) if c.category_id.is_some() => summary.categories_mapped += 1,
                Some(_) => summary.categories_unmapped += 1,
            }
        }
        summary.with_warnings += u32::from(!warnings.is_empty());
        let report = SuggestionImportRow {
            row,
            outcome,
            reference,
            year,
            title,
            submitted_on,
            suggestion_id,
            proposers,
            category,
            differs,
            errors,
            warnings,
        };
        let listed =
            !opts.only_problems || !report.errors.is_empty() || !report.warnings.is_empty();
        if listed && budget.admit(&report) {
            reports.push(report);
        }
    }

    let apply = !opts.dry_run;
    if apply && opts.all_or_nothing && summary.error > 0 {
        // Nothing is written: the rows are only written below.
        return Err(failed_rows(&reports));
    }
    if apply {
        write(conn, opts, &new_items, now)?;
        crate::audit::record(
            conn,
            Some(opts.actor),
            "import",
            "suggestion",
            Some(opts.congress),
            None,
            Some(&serde_json::json!({"format": format, "summary": summary})),
        )?;
    }
    Ok(SuggestionImportReport {
        dry_run: opts.dry_run,
        applied: apply,
        format: format.into(),
        columns: layout.describe(),
        file_warnings: layout.warnings.clone(),
        category_mapping: mapping
            .into_iter()
            .map(|(from, to)| format!("{from} → {to}"))
            .collect(),
        summary,
        rows: reports,
        truncated: budget.truncated(),
        rows_omitted: budget.omitted,
    })
}

/// The 422 of an `all_or_nothing` import: one error per failing cell, pointing at its row.
fn failed_rows(rows: &[SuggestionImportRow]) -> ApiError {
    ApiError::Validation(
        rows.iter()
            .flat_map(|r| {
                r.errors.iter().map(move |e| FieldError {
                    params: None,
                    pointer: format!("/rows/{}", r.row),
                    code: e.code.clone(),
                    message: format!(
                        "第 {} 行{}：{}",
                        r.row,
                        e.column
                            .as_ref()
                            .map(|c| format!(" {c}"))
                            .unwrap_or_default(),
                        e.message
                    ),
                })
            })
            .collect(),
    )
}

/// Rows per `INSERT`: well under PostgreSQL's 65,535 parameters.
const BATCH: usize = 500;

/// Writes the new items, their signers and their first history entry.
fn write(
    conn: &mut PgConnection,
    opts: &Run,
    items: &[NewItem],
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    for chunk in items.chunks(BATCH) {
        let values: Vec<_> = chunk
            .iter()
            .map(|i| {
                (
                    suggestions::id.eq(i.id),
                    suggestions::congress_id.eq(opts.congress),
                    suggestions::lead_deputy_id.eq(i.lead),
                    suggestions::created_by.eq(opts.actor),
                    suggestions::kind.eq(i.kind.as_str()),
                    suggestions::title.eq(&i.title),
                    suggestions::content.eq(&i.content),
                    suggestions::category_id.eq(i.category_id),
                    suggestions::status.eq("submitted"),
                    suggestions::submitted_on.eq(i.submitted_on),
                    suggestions::origin.eq("imported"),
                )
            })
            .collect();
        diesel::insert_into(suggestions::table)
            .values(&values)
            .execute(conn)?;
        let sources: Vec<_> = chunk
            .iter()
            .map(|i| {
                (
                    suggestion_imports::suggestion_id.eq(i.id),
                    suggestion_imports::congress_id.eq(opts.congress),
                    suggestion_imports::source_year.eq(i.year),
                    suggestion_imports::source_reference.eq(&i.reference),
                    suggestion_imports::proposer.eq(&i.proposer),
                    suggestion_imports::source_category.eq(&i.source_category),
                    suggestion_imports::imported_at.eq(now),
                )
            })
            .collect();
        diesel::insert_into(suggestion_imports::table)
            .values(&sources)
            .execute(conn)?;
        let signers: Vec<_> = chunk
            .iter()
            .flat_map(|i| {
                i.lead
                    .map(|d| (d, "lead"))
                    .into_iter()
                    .chain(i.co.iter().map(|d| (*d, "co")))
                    .map(move |(d, role)| {
                        (
                            suggestion_signers::suggestion_id.eq(i.id),
                            suggestion_signers::deputy_id.eq(d),
                            suggestion_signers::role.eq(role),
                            suggestion_signers::confirmed_at.eq(Some(now)),
                        )
                    })
            })
            .collect();
        if !signers.is_empty() {
            diesel::insert_into(suggestion_signers::table)
                .values(&signers)
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
        let events: Vec<_> = chunk
            .iter()
            .map(|i| {
                (
                    suggestion_events::id.eq(Uuid::now_v7()),
                    suggestion_events::suggestion_id.eq(i.id),
                    suggestion_events::from_status.eq(None::<String>),
                    suggestion_events::to_status.eq("submitted"),
                    suggestion_events::action.eq("import"),
                    suggestion_events::actor_id.eq(opts.actor),
                    suggestion_events::actor_role.eq(opts.actor_role),
                    suggestion_events::note.eq(format!(
                        "自文件导入：第 {} 行，编号 {}{}",
                        i.row,
                        i.reference,
                        i.year.map(|y| format!("（{y} 年度）")).unwrap_or_default()
                    )),
                    suggestion_events::at.eq(now),
                )
            })
            .collect();
        diesel::insert_into(suggestion_events::table)
            .values(&events)
            .execute(conn)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proposers_are_read_as_files_write_them() {
        assert_eq!(parse_proposers("邹正"), (vec!["邹正".into()], 0, false));
        assert_eq!(
            parse_proposers("冯少东等2人"),
            (vec!["冯少东".into()], 1, false)
        );
        assert_eq!(
            parse_proposers("徐宝文等31人"),
            (vec!["徐宝文".into()], 30, false)
        );
        assert_eq!(
            parse_proposers("张三、李 四"),
            (vec!["张三".into(), "李四".into()], 0, false)
        );
        assert_eq!(parse_proposers("张三等"), (vec!["张三".into()], 0, true));
    }

    #[test]
    fn bodies_are_told_from_people() {
        for body in [
            "省政协学习委员会",
            "九三学社江苏省委",
            "民革江苏省委",
            "致公党江苏省委",
            "农工党江苏省委",
            "省工商联",
            "镇农业农村办",
            "区教育局",
        ] {
            assert!(is_body(body), "{body}");
        }
        for person in ["邹正", "韩鸣明", "欧阳小华", "阿依古丽·买买提", "李国会"]
        {
            assert!(!is_body(person), "{person}");
        }
    }

    #[test]
    fn dates_as_files_write_them() {
        let d = NaiveDate::from_ymd_opt(2019, 1, 12);
        assert_eq!(parse_date("2019-01-12 16:04:48"), d);
        assert_eq!(parse_date("2019/1/12"), d);
        assert_eq!(parse_date("2019年1月12日"), d);
        assert_eq!(parse_date("2019.01.12"), d);
        assert_eq!(parse_date("一月"), None);
    }
}
