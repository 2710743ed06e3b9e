//! Finding leads: fuzzy search, "mine", the filter form, flags; and the user's keymap.

use crate::common;
use crate::ui_driver;

use leadboard::domain::{FlagFilter, LeadFilter};
use leadboard::ui::config::Config;
use leadboard::ui::snapshot::render_text;
use leadboard::ui::widgets::card;
use ui_driver::{reopen, ui};

fn total(u: &ui_driver::Ui) -> i64 {
    u.state.board.columns.iter().map(|c| c.count).sum()
}

#[test]
fn search_is_fuzzy_live_and_esc_puts_the_board_back() {
    let mut u = ui(400);
    let all = total(&u);
    u.keys(&["/"]);
    u.typ("pvl cst");
    assert_eq!(u.state.board.filter.search.as_deref(), Some("pvl cst"));
    // Typing runs no query per key; the next tick runs one.
    assert_eq!(total(&u), all);
    u.tick();
    let found = total(&u);
    assert!(found >= 1 && found < all, "{found} of {all}");
    // Every card shown really contains both subsequences somewhere.
    let store = reopen(&u.path);
    for col in &u.state.board.columns {
        for c in &col.cards {
            let l = store.lead(c.id).unwrap();
            for w in ["pvl", "cst"] {
                let sub = |hay: &str| {
                    let mut it = hay.chars().flat_map(char::to_lowercase);
                    w.chars().all(|ch| it.any(|h| h == ch))
                };
                assert!(
                    sub(&l.name) || sub(&l.company) || l.email.contains(w),
                    "{} / {} / {} lacks {w}",
                    l.name,
                    l.company,
                    l.email
                );
            }
        }
    }
    let screen = render_text(&u.state, 120, 40);
    assert!(
        screen.contains("search=\"pvl cst\""),
        "the active filter is shown"
    );
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none());
    assert_eq!(total(&u), found, "Enter keeps the search");
    u.keys(&["/", "Esc"]);
    assert_eq!(total(&u), found, "Esc goes back to before this search");
    u.keys(&["F"]);
    assert_eq!(total(&u), all);
}

#[test]
fn mine_shows_only_my_leads_and_toggles_off() {
    let mut u = ui(400);
    u.keys(&["M"]);
    assert_eq!(u.state.board.filter.owner.as_deref(), Some("ana"));
    assert!(
        u.state
            .board
            .columns
            .iter()
            .flat_map(|c| &c.cards)
            .all(|c| c.owner.as_deref() == Some("ana"))
    );
    let mine = total(&u);
    let want = reopen(&u.path)
        .board_summary(&LeadFilter {
            owner: Some("ana".into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .filter(|s| ["new", "engaged", "mql", "sql", "opportunity"].contains(&s.stage.as_str()))
        .map(|s| s.count)
        .sum::<i64>();
    assert_eq!(mine, want);
    // Counting only the shown columns gives the same, and nothing of the exits.
    let open = ["new", "engaged", "mql", "sql", "opportunity"];
    let ana = LeadFilter {
        owner: Some("ana".into()),
        ..Default::default()
    };
    let shown = reopen(&u.path).board_summary_in(&ana, &open).unwrap();
    assert!(shown.iter().all(|s| open.contains(&s.stage.as_str())));
    assert_eq!(shown.iter().map(|s| s.count).sum::<i64>(), want);
    let all = reopen(&u.path).board_summary(&ana).unwrap();
    assert!(
        all.iter().any(|s| !open.contains(&s.stage.as_str())),
        "{all:?}"
    );
    assert!(render_text(&u.state, 120, 40).contains("filter: owner=ana"));
    u.keys(&["M"]);
    assert_eq!(u.state.board.filter.owner, None);
}

#[test]
fn filter_form_checks_values_and_applies_them() {
    let mut u = ui(400);
    u.keys(&["f"]);
    u.typ("zed");
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("unknown owner"));
    u.keys(&["Ctrl-u", "Tab", "Tab", "Tab"]);
    u.typ("ops");
    u.keys(&["Enter"]);
    assert!(u.form_error().unwrap().contains("unknown team"));
    u.keys(&["Ctrl-u"]);
    u.typ("sales");
    u.keys(&["Tab"]);
    u.typ("priority");
    u.keys(&["Enter"]);
    assert!(u.state.modal.is_none());
    let f = &u.state.board.filter;
    assert_eq!(f.team.map(|t| t.as_str()), Some("sales"));
    assert_eq!(f.flag, Some(FlagFilter::Priority));
    for col in &u.state.board.columns {
        if col.stage.owner.as_str() == "marketing" {
            assert_eq!(col.count, 0, "{}", col.stage.key);
        }
        assert!(col.cards.iter().all(|c| c.priority));
    }
}

#[test]
fn stale_and_overdue_filters_agree_with_the_card_marks() {
    let (_dir, _path, store) = common::demo_store(400);
    let now = common::now();
    let stages = store.stages().unwrap();
    for (flag, mark) in [
        (FlagFilter::Stale(now), "stale"),
        (FlagFilter::Overdue(now.date_naive()), "!due"),
    ] {
        let filtered = LeadFilter {
            flag: Some(flag),
            ..Default::default()
        };
        for s in stages.iter().filter(|s| s.is_open()) {
            let every = store
                .column_cards(&s.key, &LeadFilter::default(), 0, 10_000)
                .unwrap();
            let want: Vec<i64> = every
                .iter()
                .filter(|c| card::marks(c, s, now, now.date_naive()).contains(&mark))
                .map(|c| c.id)
                .collect();
            let got: Vec<i64> = store
                .column_cards(&s.key, &filtered, 0, 10_000)
                .unwrap()
                .iter()
                .map(|c| c.id)
                .collect();
            assert_eq!(got, want, "{mark} in {}", s.key);
        }
    }
}

#[test]
fn config_remaps_keys_and_help_shows_the_new_ones() {
    let cfg = Config::parse(
        r#"
theme = "light"
[keys]
move_next = ["L", "Ctrl-n"]
undo = "z"
"#,
    )
    .unwrap();
    let mut u = ui(200);
    u.state.keys = cfg.keymap().unwrap();
    let (id, _) = u.selected();
    u.keys(&[">"]);
    assert_eq!(
        reopen(&u.path).lead(id).unwrap().stage,
        "new",
        "> is no longer bound"
    );
    u.keys(&["L"]);
    assert_eq!(reopen(&u.path).lead(id).unwrap().stage, "engaged");
    u.keys(&["z"]);
    assert_eq!(reopen(&u.path).lead(id).unwrap().stage, "new");
    u.keys(&["?"]);
    let help = render_text(&u.state, 120, 40);
    assert!(
        help.contains("L Ctrl-n") || help.contains("Ctrl-n L"),
        "{help}"
    );
    assert!(help.contains("z ") && help.contains("undo my last change"));
    assert_eq!(cfg.theme.as_deref(), Some("light"));
}

#[test]
fn a_bad_config_is_refused_with_the_reason() {
    let e = Config::parse("[keys]\nfly = \"x\"").unwrap_err();
    assert!(e.contains("unknown action \"fly\""), "{e}");
    let e = Config::parse("[keys]\nundo = \"Ctrl-\"").unwrap_err();
    assert!(e.contains("not a key"), "{e}");
    let e = Config::parse("theme = \"neon\"").unwrap_err();
    assert!(e.contains("dark"), "{e}");
    let e = Config::parse("colour = 1").unwrap_err();
    assert!(e.contains("colour"), "{e}");
    assert!(Config::parse("").is_ok(), "every key is optional");
}

#[test]
fn the_documented_config_parses_and_names_every_action() {
    let text = std::fs::read_to_string("assets/config.toml").unwrap();
    Config::parse(&text).unwrap();
    // Uncommented, every documented default must parse too, and map to the same keys.
    let live: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest.split_once(" = ").is_some_and(|(k, _)| {
                    k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                }) =>
            {
                rest
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let cfg = Config::parse(&live).unwrap_or_else(|e| panic!("{e}\n{live}"));
    // Every section of the example: the theme, the keys and the meeting's bell.
    assert_eq!(cfg.theme.as_deref(), Some("dark"));
    assert_eq!(cfg.meeting.bell, Some(true));
    let docs = std::fs::read_to_string("docs/keys.md").unwrap();
    for (name, _) in leadboard::ui::action::NAMED {
        assert!(
            cfg.keys.contains_key(*name),
            "assets/config.toml lacks {name}"
        );
        assert!(
            docs.contains(&format!("`{name}`")),
            "docs/keys.md lacks {name}"
        );
    }
    // The documented defaults are the real defaults: remapping to them changes nothing.
    let keys = cfg.keymap().unwrap();
    for view in [leadboard::ui::View::Board, leadboard::ui::View::Detail] {
        let mut want: Vec<String> = leadboard::ui::keymap::bindings(view)
            .iter()
            .map(|b| format!("{} {:?}", b.label(), b.action))
            .collect();
        let mut got: Vec<String> = keys
            .bindings(view)
            .iter()
            .map(|b| format!("{} {:?}", b.label(), b.action))
            .collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{view:?}");
    }
}

#[test]
fn theme_comes_from_the_config_and_no_color_wins() {
    use leadboard::ui::theme::Theme;
    let light = Config::parse("theme = \"light\"").unwrap();
    assert_eq!(Theme::pick(light.theme.as_deref(), false), Theme::light());
    assert_eq!(Theme::pick(light.theme.as_deref(), true), Theme::plain());
    assert_eq!(Theme::pick(None, false), Theme::dark());
}
