//! The office's set-up: handling organisations, categories, settings and the working
//! calendar.

use super::*;

// ---------------------------------------------------------------------------------------
// Handling organisations

/// Organisations the caller may see: in scope for the office, presidium and integration
/// clients; only their own for a handling-organisation user; none for deputies.
pub fn visible_orgs<'a>(user: &AuthUser) -> handling_orgs::BoxedQuery<'a, Pg> {
    let q = handling_orgs::table
        .filter(handling_orgs::congress_id.eq_any(scope(user.congress_id)))
        .into_boxed();
    match user.role {
        Role::HandlingOrg => {
            q.filter(handling_orgs::id.eq(user.handling_org_id.unwrap_or(Uuid::nil())))
        }
        Role::Deputy => q.filter(handling_orgs::id.eq(Uuid::nil())),
        _ => q,
    }
}

/// 404 unless the organisation is visible.
pub fn ensure_org(
    conn: &mut PgConnection,
    user: &AuthUser,
    id: Uuid,
) -> Result<HandlingOrgRow, ApiError> {
    visible_orgs(user)
        .filter(handling_orgs::id.eq(id))
        .select(HandlingOrgRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            Refusal::not_found(SuggestionMessage::NotFound {
                what: SuggestionRecord::Org,
            })
            .into()
        })
}

/// Creates an organisation in a congress of the caller's scope.
///
/// Errors: 404 congress not in scope; 422 name empty, too long or taken.
pub fn create_org(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewHandlingOrg,
) -> Result<HandlingOrgRow, ApiError> {
    ensure_in_scope(conn, user, new.congress_id)?;
    let mut errors = vec![];
    let name = text(&mut errors, "/name", Some(&new.name), 100, true);
    check(errors)?;
    diesel::insert_into(handling_orgs::table)
        .values((
            handling_orgs::id.eq(Uuid::now_v7()),
            handling_orgs::congress_id.eq(new.congress_id),
            handling_orgs::name.eq(name.unwrap_or_default()),
        ))
        .returning(HandlingOrgRow::as_returning())
        .get_result(conn)
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => taken(SuggestionRecord::Org),
            other => other,
        })
}

// ---------------------------------------------------------------------------------------
// Categories

/// The categories usable in a congress of the caller's scope (its own and those above).
///
/// Errors: 404 congress not in scope.
pub fn list_categories(
    conn: &mut PgConnection,
    user: &AuthUser,
    q: &CategoryQuery,
) -> Result<Vec<SuggestionCategory>, ApiError> {
    let congress = q.congress_id.unwrap_or(user.congress_id);
    if congress != user.congress_id {
        ensure_in_scope(conn, user, congress)?;
    }
    let usable = congress_and_ancestors(conn, congress)?;
    let (rows, paths) = category_paths(conn, &usable)?;
    Ok(rows
        .into_iter()
        .filter(|r| q.level.is_none_or(|l| l == r.level))
        .map(|r| SuggestionCategory {
            path: paths.get(&r.id).cloned().unwrap_or_default(),
            id: r.id,
            congress_id: r.congress_id,
            parent_id: r.parent_id,
            level: r.level,
            name: r.name,
            is_active: r.is_active,
        })
        .collect())
}

/// Finds or creates the category `name` under `parent` (level `level`) of a congress;
/// `true` when created.
pub(crate) fn upsert_category(
    conn: &mut PgConnection,
    congress: Uuid,
    parent: Option<Uuid>,
    level: i32,
    name: &str,
) -> QueryResult<(Uuid, bool)> {
    let mut q = suggestion_categories::table
        .filter(suggestion_categories::congress_id.eq(congress))
        .filter(suggestion_categories::name.eq(name))
        .into_boxed();
    q = match parent {
        Some(p) => q.filter(suggestion_categories::parent_id.eq(p)),
        None => q.filter(suggestion_categories::parent_id.is_null()),
    };
    if let Some(id) = q
        .select(suggestion_categories::id)
        .first::<Uuid>(conn)
        .optional()?
    {
        return Ok((id, false));
    }
    let id = Uuid::now_v7();
    diesel::insert_into(suggestion_categories::table)
        .values((
            suggestion_categories::id.eq(id),
            suggestion_categories::congress_id.eq(congress),
            suggestion_categories::parent_id.eq(parent),
            suggestion_categories::level.eq(level),
            suggestion_categories::name.eq(name),
        ))
        .execute(conn)?;
    Ok((id, true))
}

/// Adds one category.
///
/// Errors: 404 congress not in scope; 422 name, parent (of another congress or level 3),
/// or a sibling of the same name.
pub fn create_category(
    conn: &mut PgConnection,
    user: &AuthUser,
    new: &NewSuggestionCategory,
) -> Result<SuggestionCategory, ApiError> {
    ensure_in_scope(conn, user, new.congress_id)?;
    let mut errors = vec![];
    let name = text(&mut errors, "/name", Some(&new.name), 50, true);
    let level = match new.parent_id {
        None => 1,
        Some(p) => {
            let parent: Option<i32> = suggestion_categories::table
                .filter(suggestion_categories::id.eq(p))
                .filter(suggestion_categories::congress_id.eq(new.congress_id))
                .select(suggestion_categories::level)
                .first(conn)
                .optional()?;
            match parent {
                Some(l) if l < 3 => l + 1,
                _ => {
                    let m = SuggestionMessage::InvalidParent.into();
                    errors.push(FieldError::from_message("/parent_id", &m));
                    0
                }
            }
        }
    };
    check(errors)?;
    let name = name.unwrap_or_default();
    let (id, created) = upsert_category(conn, new.congress_id, new.parent_id, level, &name)?;
    if !created {
        return Err(taken(SuggestionRecord::Category));
    }
    Ok(SuggestionCategory {
        id,
        congress_id: new.congress_id,
        parent_id: new.parent_id,
        level,
        path: category_path(conn, id)?.unwrap_or_default(),
        name,
        is_active: true,
    })
}

/// Imports a three-level taxonomy: a header row with 一级分类, 二级分类 and 三级分类 (the
/// layout of the TipDM 2020 smart-government taxonomy, 附件1.xlsx), then one row per
/// path. Existing categories are kept, so importing twice changes nothing. A row with a
/// lower level but no higher one is skipped and reported.
///
/// Errors: 404 congress not in scope; 422 no such header.
pub fn import_categories(
    conn: &mut PgConnection,
    user: &AuthUser,
    congress: Uuid,
    rows: &[(u32, Vec<String>)],
) -> Result<CategoryImportReport, ApiError> {
    ensure_in_scope(conn, user, congress)?;
    let header = rows
        .iter()
        .position(|(_, cells)| cells.iter().any(|c| c.trim() == "一级分类"))
        .ok_or_else(|| ApiError::field("", "missing_header", "找不到含“一级分类”的表头行。"))?;
    let cols: Vec<Option<usize>> = ["一级分类", "二级分类", "三级分类"]
        .iter()
        .map(|h| rows[header].1.iter().position(|c| c.trim() == *h))
        .collect();
    let mut report = CategoryImportReport {
        rows: 0,
        created: [0; 3],
        existing: [0; 3],
        skipped: vec![],
    };
    let mut seen: HashSet<(Option<Uuid>, String)> = HashSet::new();
    for (number, cells) in &rows[header + 1..] {
        let cell = |i: usize| {
            cols[i]
                .and_then(|c| cells.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let names = [cell(0), cell(1), cell(2)];
        if names.iter().all(Option::is_none) {
            continue;
        }
        report.rows += 1;
        let mut parent = None;
        for (i, n) in names.iter().enumerate() {
            let Some(n) = n else {
                if names[i + 1..].iter().any(Option::is_some) {
                    report.skipped.push(FieldError {
                        params: None,
                        pointer: format!("/rows/{number}"),
                        code: "missing_level".into(),
                        message: format!("第 {number} 行缺少第 {} 级分类。", i + 1),
                    });
                }
                break;
            };
            if n.chars().count() > 50 {
                report.skipped.push(FieldError {
                    params: None,
                    pointer: format!("/rows/{number}"),
                    code: "too_long".into(),
                    message: format!("第 {number} 行的分类名称超过 50 个字符。"),
                });
                break;
            }
            let (id, created) = upsert_category(conn, congress, parent, i as i32 + 1, n)?;
            if seen.insert((parent, n.clone())) {
                if created {
                    report.created[i] += 1;
                } else {
                    report.existing[i] += 1;
                }
            }
            parent = Some(id);
        }
    }
    Ok(report)
}

// ---------------------------------------------------------------------------------------
// Settings and the working calendar

/// Stores a congress's settings.
///
/// Errors: 404 congress not in scope; 422 values out of range.
pub fn put_settings(
    conn: &mut PgConnection,
    user: &AuthUser,
    congress: Uuid,
    s: &SuggestionSettings,
) -> Result<SuggestionSettings, ApiError> {
    ensure_in_scope(conn, user, congress)?;
    let mut errors = vec![];
    for (pointer, value, min, max) in [
        ("/referral_working_days", s.referral_working_days, 1, 60),
        ("/return_working_days", s.return_working_days, 1, 60),
        ("/rehandling_months", s.rehandling_months, 1, 6),
        ("/due_soon_days", s.due_soon_days, 1, 90),
        ("/max_rehandling_rounds", s.max_rehandling_rounds, 0, 5),
        ("/co_input_months", s.co_input_months, 1, 3),
    ] {
        if !(min..=max).contains(&value) {
            let (min, max) = (f64::from(min), f64::from(max));
            let m = CommonMessage::OutOfRange { min, max }.into();
            errors.push(FieldError::from_message(pointer, &m));
        }
    }
    check(errors)?;
    let values = (
        suggestion_settings::referral_working_days.eq(s.referral_working_days),
        suggestion_settings::return_working_days.eq(s.return_working_days),
        suggestion_settings::rehandling_months.eq(s.rehandling_months),
        suggestion_settings::due_soon_days.eq(s.due_soon_days),
        suggestion_settings::max_rehandling_rounds.eq(s.max_rehandling_rounds),
        suggestion_settings::co_input_months.eq(s.co_input_months),
    );
    diesel::insert_into(suggestion_settings::table)
        .values((suggestion_settings::congress_id.eq(congress), values))
        .on_conflict(suggestion_settings::congress_id)
        .do_update()
        .set((
            values,
            suggestion_settings::version.eq(suggestion_settings::version + 1),
            suggestion_settings::updated_at.eq(Utc::now()),
        ))
        .execute(conn)?;
    crate::audit::record(
        conn,
        Some(user.id),
        "update",
        "suggestion_settings",
        Some(congress),
        None,
        Some(&serde_json::to_value(s).unwrap_or_default()),
    )?;
    Ok(settings(conn, congress)?)
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(a), Some(b)) if (2000..=2100).contains(&year) => Ok((a, b)),
        _ => Err(Refusal::not_found(SuggestionMessage::CalendarYear {
            min: 2000,
            max: 2100,
        })
        .into()),
    }
}

/// The holidays and adjusted working days of a year, by date.
///
/// Errors: 404 a year outside 2000–2100.
pub fn calendar_year(conn: &mut PgConnection, year: i32) -> Result<WorkingCalendar, ApiError> {
    let (first, last) = year_bounds(year)?;
    let rows: Vec<(NaiveDate, String, String)> = crate::schema::working_calendar::table
        .filter(crate::schema::working_calendar::day.between(first, last))
        .order(crate::schema::working_calendar::day)
        .select((
            crate::schema::working_calendar::day,
            crate::schema::working_calendar::kind,
            crate::schema::working_calendar::name,
        ))
        .load(conn)?;
    Ok(WorkingCalendar {
        days: rows
            .into_iter()
            .map(|(date, kind, name)| CalendarDay {
                date,
                kind: CalendarDayKind::parse(&kind).unwrap_or(CalendarDayKind::Holiday),
                name,
            })
            .collect(),
    })
}

/// Replaces a year's holidays and adjusted working days (admin).
///
/// Errors: 404 a year outside 2000–2100; 422 a date outside the year, listed twice, or a
/// name over 50 characters.
pub fn put_calendar_year(
    conn: &mut PgConnection,
    user: &AuthUser,
    year: i32,
    cal: &WorkingCalendar,
) -> Result<WorkingCalendar, ApiError> {
    use crate::schema::working_calendar as wc;
    let (first, last) = year_bounds(year)?;
    let mut errors = vec![];
    let mut seen = HashSet::new();
    for (i, d) in cal.days.iter().enumerate() {
        if d.date < first || d.date > last {
            let m = SuggestionMessage::DateNotInYear { date: d.date, year }.into();
            errors.push(FieldError::from_message(&format!("/days/{i}/date"), &m));
        } else if !seen.insert(d.date) {
            let m = SuggestionMessage::DuplicateDate { date: d.date }.into();
            errors.push(FieldError::from_message(&format!("/days/{i}/date"), &m));
        }
        if d.name.chars().count() > 50 {
            let m = CommonMessage::TooLong { max: 50 }.into();
            errors.push(FieldError::from_message(&format!("/days/{i}/name"), &m));
        }
    }
    if cal.days.len() > 366 {
        let m = SuggestionMessage::TooManyDays { max: 366 }.into();
        errors.push(FieldError::from_message("/days", &m));
    }
    check(errors)?;
    let before = calendar_year(conn, year)?;
    diesel::delete(wc::table.filter(wc::day.between(first, last))).execute(conn)?;
    for d in &cal.days {
        diesel::insert_into(wc::table)
            .values((
                wc::day.eq(d.date),
                wc::kind.eq(d.kind.as_str()),
                wc::name.eq(d.name.trim()),
            ))
            .execute(conn)?;
    }
    let after = calendar_year(conn, year)?;
    crate::audit::record(
        conn,
        Some(user.id),
        "update",
        "working_calendar",
        None,
        Some(&serde_json::to_value(&before).unwrap_or_default()),
        Some(&serde_json::to_value(&after).unwrap_or_default()),
    )?;
    Ok(after)
}

/// 422 `/name`: the name is taken (an organisation in the congress, a category under the
/// same parent).
fn taken(what: SuggestionRecord) -> ApiError {
    Refusal::invalid("/name", SuggestionMessage::Taken { what }).into()
}
