//! The strings of the office's assessment screens (schemes, runs, awards, duty reports,
//! work appraisals), in Chinese and English. Filled by the office screens' work (branch
//! `weboff`); the deputy-facing and review strings are in [`super`].

use super::super::{use_lang, Lang};
use yew::prelude::*;

/// Every string of the office's assessment screens in one language.
#[cfg_attr(not(feature = "assessments"), allow(dead_code))]
pub struct OfficeTexts {
    pub(crate) lang: Lang,
    pub(crate) schemes_title: &'static str,
    pub(crate) runs_title: &'static str,
    pub(crate) run_title: &'static str,
    pub(crate) awards_title: &'static str,
    pub(crate) duty_reports_title: &'static str,
    pub(crate) appraisals_title: &'static str,
}

static ZH: OfficeTexts = OfficeTexts {
    lang: Lang::Zh,
    schemes_title: "考核细则",
    runs_title: "履职考核",
    run_title: "考核",
    awards_title: "表彰",
    duty_reports_title: "述职评议",
    appraisals_title: "工作评议",
};

static EN: OfficeTexts = OfficeTexts {
    lang: Lang::En,
    schemes_title: "Assessment schemes",
    runs_title: "Assessment runs",
    run_title: "Assessment run",
    awards_title: "Awards",
    duty_reports_title: "Duty reports",
    appraisals_title: "Work appraisals",
};

/// The office's assessment strings of the current language.
#[hook]
pub fn use_ot() -> &'static OfficeTexts {
    match use_lang().lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

impl OfficeTexts {
    /// Whether these are the Chinese strings.
    pub fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }
}
