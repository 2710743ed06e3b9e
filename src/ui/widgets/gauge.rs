//! A gauge row as text: a bar of actual against target with a pace marker, the figures,
//! the verdict in words (colour is never the only signal) and a sparkline of past periods.

use crate::metrics::sla::Gauge;
use crate::ui::theme::Theme;
use ratatui::text::{Line, Span};

const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per period, scaled to the largest; `·` for nothing at all.
pub fn sparkline(values: &[i64]) -> String {
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|v| {
            if *v <= 0 {
                '·'
            } else {
                BLOCKS[((*v * 7 + max / 2) / max).clamp(0, 7) as usize]
            }
        })
        .collect()
}

/// `█████░░│░░░` — filled to the actual, `│` where the pace is, on a scale of the larger of
/// target and actual.
pub fn bar(g: &Gauge, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let scale = g.target.max(g.actual as f64).max(1.0);
    let filled = ((g.actual as f64 / scale) * width as f64).round() as usize;
    let pace = (((g.pace / scale) * width as f64).round() as usize).min(width - 1);
    (0..width)
        .map(|i| {
            if i == pace && g.pace > 0.0 {
                '│'
            } else if i < filled {
                '█'
            } else {
                '░'
            }
        })
        .collect()
}

/// The verdict in words.
pub fn verdict(g: &Gauge) -> &'static str {
    if g.behind { "BEHIND" } else { g.verdict() }
}

/// `[bar] 131 / 300  pace 244  BEHIND  ▁▂▅█` fitted to `width` cells.
pub fn line(g: &Gauge, history: &[i64], width: usize, t: &Theme) -> Line<'static> {
    // Fixed-width figures so the bars of stacked rows line up.
    let figures = format!(
        "{:<20}",
        format!(" {} / {:.0}  pace {:.0}  ", g.actual, g.target, g.pace)
    );
    let word = verdict(g);
    let spark = format!("  {}", sparkline(history));
    let fixed = figures.chars().count() + 7 + spark.chars().count() + 2;
    // Wide projectors get long bars: the gap to the pace is what the room reads.
    let bar_w = width.saturating_sub(fixed).clamp(4, 160);
    let style = if g.behind { t.danger } else { t.ok };
    Line::from(vec![
        Span::styled("[", t.muted),
        Span::styled(bar(g, bar_w), style),
        Span::styled("]", t.muted),
        Span::styled(figures, t.card),
        Span::styled(format!("{word:<7}"), style),
        Span::styled(spark, t.header),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_marks_the_pace_and_fills_to_the_actual() {
        // Target 10, actual 3, pace 5 on 10 cells: three filled, marker at cell 5.
        let g = Gauge::new(3, 10.0, 0.5);
        assert_eq!(bar(&g, 10), "███░░│░░░░");
        assert_eq!(verdict(&g), "BEHIND");
        assert_eq!(verdict(&Gauge::new(10, 10.0, 0.5)), "met");
        assert_eq!(verdict(&Gauge::new(6, 10.0, 0.5)), "on pace");
    }

    #[test]
    fn sparkline_scales_to_the_largest() {
        assert_eq!(sparkline(&[0, 1, 2, 4, 8]), "·▂▃▅█");
        assert_eq!(sparkline(&[]), "");
    }
}
