//! The strings of the assessment area's deputy-facing and review screens (我的履职, the
//! records list, one record, the review queue), in Chinese and English, and the labels of
//! the area's enums (from the contract's `label`). The office's scheme, run, award,
//! duty-report and appraisal screens keep theirs in [`office`]. Refusals are rendered from
//! the catalogue (`renda_openapi::Message`) by [`AssessmentTexts::error`].

pub mod office;

use super::{use_lang, Lang};
use crate::api::ApiError;
use yew::prelude::*;

/// Every string of the deputy-facing and review screens in one language.
pub struct AssessmentTexts {
    pub(crate) lang: Lang,
    pub(crate) nav_my_performance: &'static str,
    pub(crate) nav_assessments: &'static str,
    pub(crate) area_nav: &'static str,
    pub(crate) tab_records: &'static str,
    pub(crate) tab_review: &'static str,
    pub(crate) tab_schemes: &'static str,
    pub(crate) tab_runs: &'static str,
    pub(crate) tab_awards: &'static str,
    pub(crate) tab_duty_reports: &'static str,
    pub(crate) tab_appraisals: &'static str,
    pub(crate) my_record_title: &'static str,
    pub(crate) records_title: &'static str,
    pub(crate) record_title: &'static str,
    pub(crate) review_title: &'static str,
    pub(crate) no_deputy_account: &'static str,
}

static ZH: AssessmentTexts = AssessmentTexts {
    lang: Lang::Zh,
    nav_my_performance: "我的履职",
    nav_assessments: "履职考核",
    area_nav: "履职考核栏目",
    tab_records: "履职档案",
    tab_review: "登记审核",
    tab_schemes: "考核细则",
    tab_runs: "考核",
    tab_awards: "表彰",
    tab_duty_reports: "述职评议",
    tab_appraisals: "工作评议",
    my_record_title: "我的履职",
    records_title: "代表履职档案",
    record_title: "履职档案",
    review_title: "履职登记与纠错审核",
    no_deputy_account: "您的账号未关联代表，没有个人履职档案。",
};

static EN: AssessmentTexts = AssessmentTexts {
    lang: Lang::En,
    nav_my_performance: "My performance",
    nav_assessments: "Assessments",
    area_nav: "Assessment sections",
    tab_records: "Records",
    tab_review: "Review",
    tab_schemes: "Schemes",
    tab_runs: "Runs",
    tab_awards: "Awards",
    tab_duty_reports: "Duty reports",
    tab_appraisals: "Work appraisals",
    my_record_title: "My performance",
    records_title: "Deputies' performance records",
    record_title: "Performance record",
    review_title: "Review of entries and corrections",
    no_deputy_account: "Your account is not linked to a deputy: there is no record of your own.",
};

/// The assessment strings of the current language.
#[hook]
pub fn use_at() -> &'static AssessmentTexts {
    match use_lang().lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl AssessmentTexts {
    /// The catalogue's language for this one.
    pub fn cat(&self) -> renda_openapi::Lang {
        match self.lang {
            Lang::Zh => renda_openapi::Lang::Zh,
            Lang::En => renda_openapi::Lang::En,
        }
    }

    /// A failed request as a sentence: a refusal of the catalogue (its code and params) in
    /// this language, else the general message of [`super::Texts::error_message`].
    pub fn error(&self, e: &ApiError) -> String {
        match e.problem().and_then(|p| p.message()) {
            Some(m) => m.text(self.cat()),
            None => self.lang.texts().error_message(e),
        }
    }
}
