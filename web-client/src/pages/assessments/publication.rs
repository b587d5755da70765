//! Publication (DL 58, R14): the office chooses what its congress publishes about each
//! deputy ([`PublicationPage`], `/publication`), and anyone, without signing in, reads the
//! list of deputies ([`PublicDeputiesPage`], `/public/congresses/{id}`) and a deputy's page
//! with the year's published counts, awards and grade ([`PublicDeputyPage`],
//! `/public/deputies/{id}?year=`). Personal data never reaches these pages: the server
//! does not send it (no ID number, phone, address, birth date beyond the year).

use super::fields::check;
use super::{initial_year, year_select, AreaNav};
use crate::api::assessments::publication as calls;
use crate::api::ApiError;
use crate::components::widgets::{error_banner, loading, use_title};
use crate::data::{use_congresses, use_load};
use crate::i18n::assessments::{use_at, AssessmentTexts};
use crate::i18n::{use_lang, use_t, Lang};
use crate::{AuthCtx, Route};
use renda_openapi::{Metric, PublicDeputy, PublicDeputyList, PublicationSettings};
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

/// The strings of these screens.
pub struct PubTexts {
    title: &'static str,
    hint: &'static str,
    congress: &'static str,
    enabled: &'static str,
    basic: &'static str,
    gender: &'static str,
    ethnicity: &'static str,
    party: &'static str,
    birth_year: &'static str,
    workplace: &'static str,
    constituency: &'static str,
    group: &'static str,
    counts: &'static str,
    awards: &'static str,
    results: &'static str,
    grade: &'static str,
    save: &'static str,
    saved: &'static str,
    open_public: &'static str,
    public_title: &'static str,
    not_published: &'static str,
    year: &'static str,
    no_awards: &'static str,
    as_of: &'static str,
    back: &'static str,
    document_no: &'static str,
}

static ZH: PubTexts = PubTexts {
    title: "履职信息公开",
    hint: "选择向社会公开的代表基本情况和履职统计（《代表法》第五十八条）。身份证号、电话、住址和出生月日从不公开。",
    congress: "人大",
    enabled: "公开代表履职信息",
    basic: "基本情况",
    gender: "性别",
    ethnicity: "民族",
    party: "党派",
    birth_year: "出生年份",
    workplace: "工作单位及职务",
    constituency: "选区",
    group: "代表小组",
    counts: "公开的履职统计（按勾选顺序显示）",
    awards: "表彰",
    results: "表彰与考核",
    grade: "年度考核等次",
    save: "保存",
    saved: "已保存。",
    open_public: "查看公开页面",
    public_title: "代表履职公开",
    not_published: "该人大未公开代表履职信息。",
    year: "年度",
    no_awards: "无",
    as_of: "数据截至（北京时间）",
    back: "代表名单",
    document_no: "文号",
};

static EN: PubTexts = PubTexts {
    title: "Publication of performance",
    hint: "Choose what the public sees of each deputy and of their performance (Deputies Law art. 58). ID numbers, phones, addresses and birth dates beyond the year are never published.",
    congress: "Congress",
    enabled: "Publish deputies' performance",
    basic: "Basic information",
    gender: "Gender",
    ethnicity: "Ethnicity",
    party: "Party",
    birth_year: "Birth year",
    workplace: "Workplace and post",
    constituency: "Constituency",
    group: "Deputy group",
    counts: "Published counts (shown in the order ticked)",
    awards: "Awards",
    results: "Awards and assessment",
    grade: "Yearly assessment grade",
    save: "Save",
    saved: "Saved.",
    open_public: "Open the public page",
    public_title: "Deputies' performance",
    not_published: "This congress does not publish its deputies' performance.",
    year: "Year",
    no_awards: "None",
    as_of: "Data as of (China time)",
    back: "Deputies",
    document_no: "Document no.",
};

#[hook]
fn use_pt() -> &'static PubTexts {
    match use_lang().lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// `settings` with `metric` ticked (added at the end) or unticked.
pub fn toggle_count(settings: &mut PublicationSettings, metric: Metric, on: bool) {
    settings.counts.retain(|m| *m != metric);
    if on {
        settings.counts.push(metric);
    }
}

/// The settings being edited, with the version they were read at.
type Draft = UseStateHandle<Option<(PublicationSettings, i32)>>;

/// The answer of the last save.
type Notice = UseStateHandle<Option<Result<(), ApiError>>>;

/// A yes/no setting: its control's id, its label and the field it sets.
type Flag = (
    &'static str,
    &'static str,
    fn(&mut PublicationSettings) -> &mut bool,
);

/// The basic fields a congress may publish, and the results.
fn flags(pt: &PubTexts) -> ([Flag; 7], [Flag; 2]) {
    (
        [
            ("pub-gender", pt.gender, |s| &mut s.show_gender),
            ("pub-ethnicity", pt.ethnicity, |s| &mut s.show_ethnicity),
            ("pub-party", pt.party, |s| &mut s.show_party),
            ("pub-birth-year", pt.birth_year, |s| &mut s.show_birth_year),
            ("pub-workplace", pt.workplace, |s| {
                &mut s.show_workplace_post
            }),
            ("pub-constituency", pt.constituency, |s| {
                &mut s.show_constituency
            }),
            ("pub-group", pt.group, |s| &mut s.show_deputy_group),
        ],
        [
            ("pub-awards", pt.awards, |s| &mut s.show_awards),
            ("pub-grade", pt.grade, |s| &mut s.show_grade),
        ],
    )
}

/// A change of the draft by `f`.
fn edit<T: 'static>(
    draft: &Draft,
    f: impl Fn(&mut PublicationSettings, T) + 'static,
) -> Callback<T> {
    let draft = draft.clone();
    Callback::from(move |v: T| {
        if let Some((mut s, version)) = (*draft).clone() {
            f(&mut s, v);
            draft.set(Some((s, version)));
        }
    })
}

/// The form of the settings read at `version`.
fn settings_form(
    (pt, at): (&PubTexts, &AssessmentTexts),
    congress: Uuid,
    (draft, notice): (&Draft, &Notice),
    (s, version): (&PublicationSettings, i32),
) -> Html {
    let onsubmit = {
        let (draft, notice, s) = (draft.clone(), notice.clone(), s.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (draft, notice, s) = (draft.clone(), notice.clone(), s.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match calls::save_settings(congress, &s, version).await {
                    Ok(saved) => {
                        draft.set(Some(saved));
                        notice.set(Some(Ok(())));
                    }
                    Err(e) => notice.set(Some(Err(e))),
                }
            });
        })
    };
    let flag = |(id, label, field): Flag| {
        let mut current = s.clone();
        let on = *field(&mut current);
        check(
            id,
            label,
            on,
            edit(draft, move |s, on: bool| *field(s) = on),
        )
    };
    let (basic, results) = flags(pt);
    html! {
        <form id="publication-form" {onsubmit}>
            {check("pub-enabled", pt.enabled, s.enabled, edit(draft, |s, on: bool| s.enabled = on))}
            <fieldset>
                <legend>{pt.basic}</legend>
                { for basic.into_iter().map(flag) }
            </fieldset>
            <fieldset>
                <legend>{pt.results}</legend>
                { for results.into_iter().map(flag) }
            </fieldset>
            <fieldset id="pub-counts">
                <legend>{pt.counts}</legend>
                { for Metric::ALL.iter().map(|m| {
                    let m = *m;
                    check(
                        &format!("pub-count-{}", m.as_str()),
                        m.label(at.cat()),
                        s.counts.contains(&m),
                        edit(draft, move |s, on: bool| toggle_count(s, m, on)),
                    )
                }) }
            </fieldset>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="save-publication">{pt.save}</button>
                <Link<Route> to={Route::PublicDeputies { id: congress }}>{pt.open_public}</Link<Route>>
            </div>
            { match &**notice {
                Some(Ok(())) => html! { <p class="notice" role="status" id="publication-saved">{pt.saved}</p> },
                Some(Err(e)) => html! { <p class="error" role="alert">{at.error(e)}</p> },
                None => html! {},
            } }
        </form>
    }
}

/// The office's settings screen: one congress of its scope at a time.
#[function_component]
pub fn PublicationPage() -> Html {
    let (t, pt, at) = (use_t(), use_pt(), use_at());
    use_title(pt.title.to_string());
    let auth = use_context::<AuthCtx>().expect("AuthCtx");
    let congresses = use_congresses();
    let chosen = use_state(|| auth.user.as_ref().map(|u| u.congress_id));
    let congress = crate::data::effective_congress(*chosen, &congresses);
    let loaded = use_load(congress, calls::settings);
    let draft: Draft = use_state(|| None);
    let notice: Notice = use_state(|| None);
    {
        let draft = draft.clone();
        use_effect_with(loaded.data.clone(), move |d| {
            draft.set(d.as_ref().map(|d| (**d).clone()));
        });
    }
    let Some(congress) = congress else {
        return loading(t.loading);
    };
    let body = match (&*draft, &loaded.error) {
        (_, Some(e)) => error_banner(t, e, Some(loaded.reload.clone())),
        (None, _) => loading(t.loading),
        (Some((s, version)), _) => {
            settings_form((pt, at), congress, (&draft, &notice), (s, *version))
        }
    };
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(crate::components::widgets::select_value(&e).parse().ok());
        })
    };
    let many = congresses.data.as_ref().is_some_and(|c| c.len() > 1);
    html! {
        <section class="page publication">
            <AreaNav />
            <h1>{pt.title}</h1>
            <p class="hint">{pt.hint}</p>
            if many {
                <label for="pub-congress">{pt.congress}{" "}
                    <select id="pub-congress" onchange={choose}>
                        { for congresses.data.iter().flat_map(|c| c.iter()).map(|c| html! {
                            <option value={c.id.to_string()} selected={c.id == congress}>{c.name.clone()}</option>
                        }) }
                    </select>
                </label>
            }
            {body}
        </section>
    }
}

/// The id of a page whose address names it.
#[derive(Properties, PartialEq)]
pub struct IdProps {
    /// The congress's or the deputy's id.
    pub id: Uuid,
}

/// Every page of a congress's public list.
async fn all_deputies(congress: Uuid) -> Result<PublicDeputyList, ApiError> {
    let mut list = calls::deputies(congress, None).await?;
    while let Some(cursor) = list.next_cursor.take() {
        let next = calls::deputies(congress, Some(cursor)).await?;
        list.deputies.extend(next.deputies);
        list.next_cursor = next.next_cursor;
    }
    Ok(list)
}

/// A failure of a public page: "not published" for a 404, else the general banner.
fn public_error(pt: &PubTexts, t: &crate::i18n::Texts, e: &ApiError, retry: Callback<()>) -> Html {
    match e {
        ApiError::Http { status: 404, .. } => {
            html! { <p class="empty" id="not-published">{pt.not_published}</p> }
        }
        e => error_banner(t, e, Some(retry)),
    }
}

/// A congress's deputies on its public page, by name.
#[function_component]
pub fn PublicDeputiesPage(p: &IdProps) -> Html {
    let (t, pt) = (use_t(), use_pt());
    let list = use_load(Some(p.id), all_deputies);
    use_title(pt.public_title.to_string());
    let body = match (&list.data, &list.error) {
        (_, Some(e)) => public_error(pt, t, e, list.reload.clone()),
        (None, _) => loading(t.loading),
        (Some(l), _) => html! {
            <>
                <p class="subtitle">{format!("{} · {}", l.congress_name, term_label(pt, l.term_number))}</p>
                <ul class="public-deputies" id="public-deputies">
                    { for l.deputies.iter().map(|d| html! {
                        <li>
                            <Link<Route> to={Route::PublicDeputy { id: d.deputy_id.0 }}>{d.name.clone()}</Link<Route>>
                            { for d.deputy_group.iter().map(|g| html! { <span class="muted">{format!(" · {g}")}</span> }) }
                            { for d.constituency.iter().map(|c| html! { <span class="muted">{format!(" · {c}")}</span> }) }
                        </li>
                    }) }
                </ul>
            </>
        },
    };
    html! {
        <section class="page public">
            <h1>{pt.public_title}</h1>
            {body}
        </section>
    }
}

fn term_label(pt: &PubTexts, n: i32) -> String {
    if std::ptr::eq(pt, &ZH) {
        format!("第{n}届")
    } else {
        format!("term {n}")
    }
}

/// A deputy's public page for a year.
#[function_component]
pub fn PublicDeputyPage(p: &IdProps) -> Html {
    let (t, pt, at) = (use_t(), use_pt(), use_at());
    let year = use_state(initial_year);
    let page = use_load(Some((p.id, *year)), |(id, y)| calls::deputy(id, Some(y)));
    use_title(pt.public_title.to_string());
    let on_year = {
        let year = year.clone();
        Callback::from(move |y: i32| year.set(y))
    };
    let body = match (&page.data, &page.error) {
        (_, Some(e)) => public_error(pt, t, e, page.reload.clone()),
        (None, _) => loading(t.loading),
        (Some(d), _) => deputy_view(pt, at.cat(), d),
    };
    html! {
        <section class="page public">
            <h1>{pt.public_title}</h1>
            {year_select("public-year", pt.year, *year, on_year)}
            {body}
        </section>
    }
}

fn deputy_view(pt: &PubTexts, lang: renda_openapi::Lang, d: &PublicDeputy) -> Html {
    let info = [
        (
            pt.gender,
            d.gender.map(|g| match lang {
                renda_openapi::Lang::Zh => g.label_zh().to_string(),
                renda_openapi::Lang::En => g.as_str().to_string(),
            }),
        ),
        (pt.ethnicity, d.ethnicity.clone()),
        (pt.party, d.party.clone()),
        (pt.birth_year, d.birth_year.map(|y| y.to_string())),
        (pt.workplace, d.workplace_post.clone()),
        (pt.constituency, d.constituency.clone()),
        (pt.group, d.deputy_group.clone()),
        (pt.grade, d.grade.map(|g| g.label(lang).to_string())),
    ];
    html! {
        <article id="public-deputy">
            <h2>{d.name.clone()}</h2>
            <p class="subtitle">
                {format!("{} · {}", d.congress_name, term_label(pt, d.term_number))}
                {" · "}
                <Link<Route> to={Route::PublicDeputies { id: d.congress_id.0 }}>{pt.back}</Link<Route>>
            </p>
            <dl class="facts">
                { for info.into_iter().filter_map(|(k, v)| v.map(|v| html! { <><dt>{k}</dt><dd>{v}</dd></> })) }
            </dl>
            if !d.count_order.is_empty() {
                <dl class="facts" id="public-counts">
                    { for d.count_order.iter().map(|m| html! {
                        <><dt>{m.label(lang)}</dt><dd data-metric={m.as_str()}>{d.counts.get(m).copied().unwrap_or(0)}</dd></>
                    }) }
                </dl>
            }
            <h3>{pt.awards}</h3>
            if d.awards.is_empty() {
                <p class="muted">{pt.no_awards}</p>
            } else {
                <ul id="public-awards">
                    { for d.awards.iter().map(|a| html! {
                        <li>{format!("{} {}", a.year, a.kind.label(lang))}
                            { for a.document_no.iter().map(|n| html! { <span class="muted">{format!(" · {} {n}", pt.document_no)}</span> }) }
                        </li>
                    }) }
                </ul>
            }
            <p class="muted">{format!("{} {}", pt.as_of, (d.as_of + chrono::Duration::hours(8)).format("%Y-%m-%d %H:%M"))}</p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ticked count goes to the end of the order; unticking removes it; ticking twice
    /// keeps one.
    #[test]
    fn counts_keep_the_order_they_were_ticked_in() {
        let mut s = PublicationSettings {
            counts: vec![Metric::SessionsAttended],
            ..PublicationSettings::default()
        };
        toggle_count(&mut s, Metric::Inspections, true);
        toggle_count(&mut s, Metric::Inspections, true);
        assert_eq!(
            s.counts,
            vec![Metric::SessionsAttended, Metric::Inspections]
        );
        toggle_count(&mut s, Metric::SessionsAttended, false);
        assert_eq!(s.counts, vec![Metric::Inspections]);
    }
}
