//! The distribution of a run's totals as a bar chart, drawn as inline SVG by this small
//! component (no chart library, nothing from a CDN): one bar per band of 10 points, its
//! count above it, scaled to the width of the screen (`viewBox`), with a text alternative.

use crate::i18n::assessments::office::OfficeTexts;
use yew::prelude::*;

/// One bar: the band's lower bound (included), its upper bound (excluded; included for the
/// last band) and how many totals fall in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Lower bound (included).
    pub from: f64,
    /// Upper bound (excluded, but for the last band).
    pub to: f64,
    /// Totals in the band.
    pub count: usize,
}

/// Totals counted in bands of `width` points from 0 up to the highest total (at least
/// 100): `[0, 10), [10, 20) … [90, 100]`; a total of exactly 100 falls in the last band.
/// Negative totals (none: the total is never below 0) would count in the first.
pub fn bins(totals: &[f64], width: f64) -> Vec<Bin> {
    let top = totals.iter().copied().fold(100.0_f64, f64::max);
    let n = ((top / width).ceil() as usize).max(1);
    let mut out: Vec<Bin> = (0..n)
        .map(|i| Bin {
            from: i as f64 * width,
            to: (i + 1) as f64 * width,
            count: 0,
        })
        .collect();
    for &x in totals.iter().filter(|x| x.is_finite()) {
        let i = ((x.max(0.0) / width).floor() as usize).min(n - 1);
        out[i].count += 1;
    }
    out
}

/// Props of [`ScoreChart`].
#[derive(Properties, PartialEq)]
pub struct ScoreChartProps {
    /// Every deputy's total.
    pub totals: Vec<f64>,
    /// The strings of the current language.
    pub t: &'static OfficeTexts,
}

const W: f64 = 600.0;
const H: f64 = 220.0;
const PAD: f64 = 28.0;

/// The bar chart of the totals.
#[function_component]
pub fn ScoreChart(p: &ScoreChartProps) -> Html {
    let data = bins(&p.totals, 10.0);
    let most = data.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let slot = (W - 2.0 * PAD) / data.len() as f64;
    let alt = data
        .iter()
        .map(|b| format!("{}–{}: {}", b.from, b.to, b.count))
        .collect::<Vec<_>>()
        .join("; ");
    let bar = |(i, b): (usize, &Bin)| {
        let h = (H - 2.0 * PAD) * b.count as f64 / most;
        let x = PAD + i as f64 * slot + slot * 0.1;
        let y = H - PAD - h;
        html! { <g class="bar">
            <rect x={x.to_string()} y={y.to_string()} width={(slot * 0.8).to_string()} height={h.to_string()}>
                <title>{format!("{}–{}: {}", b.from, b.to, b.count)}</title>
            </rect>
            if b.count > 0 {
                <text x={(x + slot * 0.4).to_string()} y={(y - 4.0).to_string()} text-anchor="middle" class="count">{b.count}</text>
            }
            <text x={(x + slot * 0.4).to_string()} y={(H - PAD + 16.0).to_string()} text-anchor="middle" class="axis">{b.from}</text>
        </g> }
    };
    html! {
        <figure class="card score-chart" id="score-chart">
            <figcaption>{format!("{} · {}", p.t.distribution, p.t.chart_caption)}</figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={alt} preserveAspectRatio="xMidYMid meet">
                <line x1={PAD.to_string()} y1={(H - PAD).to_string()} x2={(W - PAD).to_string()} y2={(H - PAD).to_string()} class="baseline" />
                { for data.iter().enumerate().map(bar) }
            </svg>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_fall_in_bands_of_ten_with_100_in_the_last() {
        let b = bins(&[0.0, 9.99, 10.0, 89.9, 90.0, 100.0], 10.0);
        assert_eq!(b.len(), 10);
        assert_eq!(b[0].count, 2);
        assert_eq!(b[1].count, 1);
        assert_eq!(b[8].count, 1);
        assert_eq!(b[9].count, 2, "90 and exactly 100");
        assert_eq!(b.iter().map(|b| b.count).sum::<usize>(), 6);
    }

    #[test]
    fn a_scheme_without_a_cap_gets_more_bands() {
        let b = bins(&[125.0], 10.0);
        assert_eq!(b.len(), 13);
        assert_eq!(b[12].count, 1);
        assert!(bins(&[], 10.0).iter().all(|b| b.count == 0));
    }
}
