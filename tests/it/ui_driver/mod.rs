//! Drives the UI the way the terminal does: key and mouse events through `input`, then
//! `update` and `effects::run` on a demo file. Shared by the triage tests.
#![allow(dead_code)]

use super::common;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use leadboard::store::{OpenMode, Store};
use leadboard::ui::effects::{self, Effect};
use leadboard::ui::modal::Modal;
use leadboard::ui::update::update;
use leadboard::ui::{State, input};
use std::path::Path;

pub struct Ui {
    pub _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
    pub store: Store,
    pub state: State,
}

pub fn ui(leads: usize) -> Ui {
    let (dir, path, mut store) = common::demo_store(leads);
    let mut state = common::ui_state(&store, 120, 40);
    effects::run(&mut store, &mut state, vec![Effect::ReloadBoard]);
    Ui {
        _dir: dir,
        path,
        store,
        state,
    }
}

impl Ui {
    /// What the terminal shows, at the driver's 120x40.
    pub fn screen(&self) -> String {
        leadboard::ui::snapshot::render_text(&self.state, 120, 40)
    }

    /// Presses keys by label: `j`, `>`, `Enter`, `Tab`, `Ctrl-u`.
    pub fn keys(&mut self, labels: &[&str]) {
        for l in labels {
            self.event(Event::Key(input::press(l)));
        }
    }

    /// Types text into the focused field, one key per character.
    pub fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.event(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
    }

    pub fn event(&mut self, ev: Event) {
        if let Some(a) = input::event(&self.state, ev) {
            let fx = update(&mut self.state, a);
            effects::run(&mut self.store, &mut self.state, fx);
        }
    }

    /// One clock tick, as the run loop sends every 250 ms.
    pub fn tick(&mut self) {
        let fx = update(&mut self.state, leadboard::ui::Action::Tick);
        effects::run(&mut self.store, &mut self.state, fx);
    }

    pub fn form_error(&self) -> Option<String> {
        match &self.state.modal {
            Some(Modal::Form(f)) => f.error.clone(),
            _ => None,
        }
    }

    pub fn field(&self, label: &str) -> String {
        match &self.state.modal {
            Some(Modal::Form(f)) => f.field(label).to_string(),
            _ => String::new(),
        }
    }

    pub fn selected(&self) -> (i64, i64) {
        self.state.current_lead().expect("a selected lead")
    }
}

pub fn reopen(path: &Path) -> Store {
    Store::open(path, OpenMode::Existing).unwrap()
}
