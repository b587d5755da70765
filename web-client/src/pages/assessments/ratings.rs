//! Rater scores (评议打分) of a run, for whoever may give them: a deputy rates themself,
//! a group's leader the group's members, presidium members and the office every deputy
//! at their stage. The list comes from `GET …/rateable`, which applies the contract's
//! `may_rate_stage`, so every row shown is one the server accepts; the score (0–100) and
//! the comment (up to 500 characters) are checked here as the server checks them, and a
//! second save replaces the first. Nothing shows when there is nothing to rate.

use super::fields::Errors;
use crate::api::{self, ApiError};
use crate::components::widgets::{error_banner, event_value};
use crate::data::use_load;
use crate::i18n::{use_lang, use_t, Lang};
use renda_openapi::{Rateable, RaterStage, Rating};
use uuid::Uuid;
use yew::prelude::*;

/// The strings of this panel, in its own small set: the panel is in a deputy's bundle,
/// which should not carry every string of the office's screens.
pub struct RatingTexts {
    lang: Lang,
    title: &'static str,
    hint: &'static str,
    deputy: &'static str,
    group: &'static str,
    score: &'static str,
    comment: &'static str,
    save: &'static str,
    rated: &'static str,
    /// A score outside 0–100.
    pub score_range: &'static str,
    /// A comment over 500 characters.
    pub comment_too_long: &'static str,
}

static ZH: RatingTexts = RatingTexts {
    lang: Lang::Zh,
    title: "评议打分",
    hint: "按考核细则的评议环节为代表打分（0–100 分）；再次保存即更新，下次计算时计入。",
    deputy: "代表",
    group: "代表小组",
    score: "分数（0–100）",
    comment: "评语",
    save: "保存",
    rated: "已评",
    score_range: "请填写 0 至 100 之间的分数",
    comment_too_long: "评语不能超过 500 字",
};

static EN: RatingTexts = RatingTexts {
    lang: Lang::En,
    title: "Rater scores",
    hint: "Score deputies at your stage of the scheme (0–100). Saving again replaces your score; it counts at the next computation.",
    deputy: "Deputy",
    group: "Deputy group",
    score: "Score (0–100)",
    comment: "Comment",
    save: "Save",
    rated: "Rated",
    score_range: "Enter a score from 0 to 100",
    comment_too_long: "The comment is at most 500 characters",
};

impl RatingTexts {
    /// The strings of `lang`.
    pub fn of(lang: Lang) -> &'static RatingTexts {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    fn wire(&self) -> renda_openapi::Lang {
        match self.lang {
            Lang::Zh => renda_openapi::Lang::Zh,
            Lang::En => renda_openapi::Lang::En,
        }
    }
}

#[hook]
fn use_rt() -> &'static RatingTexts {
    RatingTexts::of(use_lang().lang)
}

/// The rating of what was typed, or the problems at `/score` and `/comment`.
pub fn check_rating(
    t: &RatingTexts,
    row: &Rateable,
    score: &str,
    comment: &str,
) -> Result<Rating, Errors> {
    let mut errs = vec![];
    let value = score
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (0.0..=100.0).contains(v));
    if value.is_none() {
        errs.push(("/score".to_string(), t.score_range.to_string()));
    }
    if comment.chars().count() > 500 {
        errs.push(("/comment".to_string(), t.comment_too_long.to_string()));
    }
    match value {
        Some(score) if errs.is_empty() => Ok(Rating {
            deputy_id: row.deputy.deputy_id,
            stage: row.stage,
            score,
            comment: Some(comment.trim().to_string()).filter(|c| !c.is_empty()),
            rater_id: None,
            rater_name: None,
            rated_at: None,
        }),
        _ => Err(Errors::from_pairs(errs)),
    }
}

/// Props of [`RatingsPanel`].
#[derive(Properties, PartialEq)]
pub struct RatingsPanelProps {
    /// The run.
    pub run_id: Uuid,
}

/// The scores the signed-in user may give in the run, by stage.
#[function_component]
pub fn RatingsPanel(p: &RatingsPanelProps) -> Html {
    let t = use_t();
    let ot = use_rt();
    let rows = use_load(Some(p.run_id), api::assessments::rateable);
    let list = match (&rows.data, &rows.error) {
        (_, Some(e)) => return error_banner(t, e, Some(rows.reload.clone())),
        (Some(list), None) if !list.is_empty() => list.clone(),
        _ => return Html::default(),
    };
    let mut stages: Vec<RaterStage> = vec![];
    for r in list.iter() {
        if !stages.contains(&r.stage) {
            stages.push(r.stage);
        }
    }
    html! {
        <section class="card" id="ratings">
            <h2>{ot.title}</h2>
            <p class="hint">{ot.hint}</p>
            { for stages.into_iter().map(|stage| html! {
                <div class="table-wrap" data-stage={stage.as_str()}>
                    <h3>{stage.label(ot.wire())}</h3>
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{ot.deputy}</th><th scope="col">{ot.group}</th>
                            <th scope="col" class="num">{ot.score}</th><th scope="col">{ot.comment}</th><th scope="col"></th>
                        </tr></thead>
                        <tbody>{ for list.iter().filter(|r| r.stage == stage).map(|r| html! {
                            <RatingRow key={format!("{}-{}", r.deputy.deputy_id, r.stage.as_str())} run_id={p.run_id} row={r.clone()} />
                        }) }</tbody>
                    </table>
                </div>
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    run_id: Uuid,
    row: Rateable,
}

/// One deputy at one stage: the score, the comment and Save.
#[function_component]
fn RatingRow(p: &RowProps) -> Html {
    let t = use_t();
    let ot = use_rt();
    let kept = p.row.rating.as_ref();
    let score = use_state(|| kept.map(|r| r.score.to_string()).unwrap_or_default());
    let comment = use_state(|| kept.and_then(|r| r.comment.clone()).unwrap_or_default());
    let errors = use_state(Errors::default);
    let failure = use_state(|| None::<ApiError>);
    let saved = use_state(|| kept.is_some());
    let typed = |h: &UseStateHandle<String>, saved: &UseStateHandle<bool>| {
        let (h, saved) = (h.clone(), saved.clone());
        Callback::from(move |e: InputEvent| {
            h.set(event_value(&e));
            saved.set(false);
        })
    };
    let save = {
        let (score, comment, errors, failure, saved) = (
            score.clone(),
            comment.clone(),
            errors.clone(),
            failure.clone(),
            saved.clone(),
        );
        let (run_id, row) = (p.run_id, p.row.clone());
        Callback::from(move |_: MouseEvent| {
            let body = match check_rating(ot, &row, &score, &comment) {
                Err(e) => return errors.set(e),
                Ok(body) => body,
            };
            errors.set(Errors::default());
            let (failure, saved) = (failure.clone(), saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::assessments::rate(run_id, &body).await {
                    Ok(_) => {
                        failure.set(None);
                        saved.set(true);
                    }
                    // The server's refusal in the row's banner (its fields are checked
                    // here first), without the office's catalogue in a deputy's bundle.
                    Err(e) => failure.set(Some(e)),
                }
            });
        })
    };
    let id = format!("rate-{}-{}", p.row.deputy.deputy_id, p.row.stage.as_str());
    let (score_err, comment_err) = (errors.at("/score"), errors.at("/comment"));
    html! { <>
        <tr data-deputy={p.row.deputy.deputy_id.to_string()}>
            <th scope="row" data-label={ot.deputy}>{&p.row.deputy.name}</th>
            <td data-label={ot.group}>{p.row.deputy.deputy_group_name.clone().unwrap_or_default()}</td>
            <td class={classes!("num", score_err.as_ref().map(|_| "has-error"))} data-label={ot.score}>
                <input id={format!("{id}-score")} class="count-input rating-score" type="text" inputmode="decimal"
                    aria-label={ot.score} value={(*score).clone()} oninput={typed(&score, &saved)}
                    aria-invalid={score_err.as_ref().map(|_| "true")} />
                if let Some(e) = score_err { <span class="field-error" role="alert">{e}</span> }
            </td>
            <td data-label={ot.comment}>
                <input id={format!("{id}-comment")} type="text" aria-label={ot.comment}
                    value={(*comment).clone()} oninput={typed(&comment, &saved)} />
                if let Some(e) = comment_err { <span class="field-error" role="alert">{e}</span> }
            </td>
            <td>
                <button type="button" class="btn btn-small save-rating" onclick={save}>{ot.save}</button>
                if *saved { <span class="badge ok rating-saved">{ot.rated}</span> }
            </td>
        </tr>
        if let Some(e) = &*failure {
            <tr class="row-error"><td colspan="5">{error_banner(t, e, None)}</td></tr>
        }
    </> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use renda_openapi::DeputyBrief;

    fn row() -> Rateable {
        Rateable {
            deputy: DeputyBrief {
                deputy_id: Uuid::from_u128(1).into(),
                name: "李秀英".into(),
                mandate_id: Uuid::from_u128(2).into(),
                deputy_group_id: None,
                deputy_group_name: None,
                delegation_name: None,
                constituency: None,
                post: None,
            },
            stage: RaterStage::Office,
            rating: None,
        }
    }

    #[test]
    fn a_score_is_0_to_100_and_a_comment_at_most_500_characters() {
        let t = RatingTexts::of(Lang::Zh);
        for ok in ["0", "100", "85.5", " 60 "] {
            assert!(check_rating(t, &row(), ok, "").is_ok(), "{ok}");
        }
        for bad in ["", "-0.1", "100.01", "NaN", "inf", "九十"] {
            let e = check_rating(t, &row(), bad, "").unwrap_err();
            assert_eq!(e.at("/score"), Some(t.score_range.to_string()), "{bad}");
        }
        assert!(check_rating(t, &row(), "90", &"好".repeat(500)).is_ok());
        let long = check_rating(t, &row(), "90", &"好".repeat(501)).unwrap_err();
        assert_eq!(long.at("/comment"), Some(t.comment_too_long.to_string()));
        let r = check_rating(t, &row(), "90", "  ").unwrap();
        assert_eq!(
            (r.score, r.comment, r.stage),
            (90.0, None, RaterStage::Office)
        );
    }
}
