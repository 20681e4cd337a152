//! The stepping page: one self-contained HTML file that replays a recorded run of one or
//! more coroutines, resume by resume.
//!
//! For each coroutine the page shows its source with the line of the `yield_!` it is
//! suspended at highlighted, its state diagram ([`crate::svg`]) with the current state and
//! the transition just taken lit up, and the values it holds; below, the log of resumes
//! (who ran, the argument in, the value out, and anything the program printed). Back, Step
//! and Run move through the recording; `#step=N` in the address opens it at step `N`.
//!
//! Nothing is simulated: the page only replays [`Snapshot`]s read off the real coroutines
//! after each resume ([`Snapshot::of`]). The file has no external resource at all: its
//! styles, its script and its data are inline.
//!
//! ```
//! use coro_expand::page::{Page, Panel, Snapshot, Step};
//!
//! let source = "#[coro::coroutine]\nfn two() -> impl Coroutine<Yield = u8, Return = ()> {\n    yield_!(1);\n    yield_!(2);\n}\n";
//! let panel = Panel::new("two.rs", source, "two").unwrap();
//! let start = Snapshot::new("start", None, vec![]);
//! let after = Snapshot::new("s0", Some(3), vec![]);
//! let page = Page {
//!     title: "two".into(),
//!     intro: "Two yields.".into(),
//!     panels: vec![panel],
//!     start: vec![start],
//!     steps: vec![Step { panel: 0, arg: "()".into(), result: "yielded 1".into(), after: vec![after], notes: vec![] }],
//! };
//! let html = page.html();
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(!html.contains("<script src"));
//! ```

use std::fmt::Write as _;

use coro_core::{Held, Locate, Location};

use crate::svg::xml;
use crate::Error;

/// One coroutine on the page: its function's source and its state diagram.
#[derive(Clone, Debug)]
pub struct Panel {
    /// The function's name or path (`decompress`).
    pub name: String,
    /// The source file's name as shown (`article/src/coroutines.rs`).
    pub file: String,
    /// The function's lines, with their line numbers in the file.
    pub lines: Vec<(usize, String)>,
    /// The state diagram, without labels (they are the transitions' tooltips).
    pub svg: String,
    /// Each transition's label, by `(from, to)` state ids.
    pub transitions: Vec<(String, String, String)>,
}

impl Panel {
    /// The panel for the `#[coro::coroutine]` function `function` of the source file
    /// `file`, whose text is `source`: the transform runs on it for the diagram.
    ///
    /// ```
    /// let source = "#[coro::coroutine]\nfn one() -> impl Coroutine<Yield = u8, Return = ()> {\n    yield_!(1);\n}\n";
    /// let panel = coro_expand::page::Panel::new("one.rs", source, "one").unwrap();
    /// assert_eq!(panel.lines.first().unwrap().0, 1);
    /// assert_eq!(panel.lines.len(), 4);
    /// ```
    pub fn new(file: &str, source: &str, function: &str) -> Result<Panel, Error> {
        let (mut expanded, errors) = crate::expand_source(file, source, Some(function));
        if let Some(error) = errors.into_iter().next() {
            return Err(error);
        }
        let one = expanded
            .pop()
            .ok_or_else(|| Error::new(format!("{file}: no coroutine `{function}`")))?;
        let lines = source
            .lines()
            .enumerate()
            .map(|(i, line)| (i + 1, line.to_string()))
            .filter(|(n, _)| (one.first_line..=one.last_line).contains(n))
            .collect();
        let prefix = format!("{}-", one.path.replace("::", "-"));
        Ok(Panel {
            name: one.path.clone(),
            file: file.to_string(),
            lines,
            svg: one.graph.svg_without_labels(&prefix),
            transitions: one
                .graph
                .edges
                .iter()
                .map(|e| (e.from.clone(), e.to.clone(), e.label.join(" / ")))
                .collect(),
        })
    }
}

/// Where one coroutine stands, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The state's id in the diagram: `start`, `s0`, `s1`, ..., `done`, or `poisoned`.
    pub state: String,
    /// The source line of the `yield_!` it is suspended at.
    pub line: Option<u32>,
    /// What it holds: each binding's name and its value as shown.
    pub held: Vec<(String, String)>,
}

impl Snapshot {
    /// A snapshot from its parts.
    ///
    /// ```
    /// let s = coro_expand::page::Snapshot::new("done", None, vec![]);
    /// assert_eq!(s.state, "done");
    /// ```
    pub fn new(state: &str, line: Option<u32>, held: Vec<(String, String)>) -> Snapshot {
        Snapshot {
            state: state.to_string(),
            line,
            held,
        }
    }

    /// The state of a [`Location`] with the values held there (each as [`Held`] shows it
    /// in hexadecimal, `{:X}`).
    ///
    /// ```
    /// let s = coro_expand::page::Snapshot::at(coro_core::Location::Unresumed, vec![]);
    /// assert_eq!((s.state.as_str(), s.line), ("start", None));
    /// ```
    pub fn at(location: Location, held: Vec<(String, String)>) -> Snapshot {
        let (state, line) = match location {
            Location::Unresumed => ("start".to_string(), None),
            Location::Suspended(point) => (format!("s{}", point.index), Some(point.line)),
            Location::Returned => ("done".to_string(), None),
            _ => ("poisoned".to_string(), None),
        };
        Snapshot { state, line, held }
    }

    /// Reads where `coroutine` stands and what it holds, values in hexadecimal.
    ///
    /// ```
    /// use coro_core::{Coroutine, CoroutineState, Location, Machine, StateInfo};
    ///
    /// struct Fresh;
    /// impl StateInfo for Fresh {
    ///     fn location(&self) -> Location { Location::Unresumed }
    ///     fn poison(&mut self) {}
    /// }
    /// let m = Machine::new(Fresh, |_: &mut Fresh, (): ()| CoroutineState::<(), ()>::Complete(()));
    /// assert_eq!(coro_expand::page::Snapshot::of(&m).state, "start");
    /// ```
    pub fn of(coroutine: &impl Locate) -> Snapshot {
        let mut held = Vec::new();
        coroutine.for_each_held(&mut |h: Held<'_>| {
            held.push((h.name().to_string(), format!("{:X}", h.shown())));
        });
        Snapshot::at(coroutine.location(), held)
    }
}

/// One resume (see the [module's example](self) for a page built from one).
///
/// ```
/// let step = coro_expand::page::Step {
///     panel: 0,
///     arg: "()".into(),
///     result: "yielded 1".into(),
///     after: vec![coro_expand::page::Snapshot::new("s0", Some(3), vec![])],
///     notes: vec![],
/// };
/// assert_eq!(step.after[0].line, Some(3));
/// ```
#[derive(Clone, Debug)]
pub struct Step {
    /// The panel of the coroutine resumed.
    pub panel: usize,
    /// The argument, as shown: `()`, `Some('l')`.
    pub arg: String,
    /// What the resume returned, as shown: `yielded 'l'`, `completed ()`.
    pub result: String,
    /// Where every coroutine stands after it, one snapshot per panel.
    pub after: Vec<Snapshot>,
    /// What the program printed during the resume (`got_token(WORD "Hello")`).
    pub notes: Vec<String>,
}

/// A recorded run, ready to be written as a page: see [`Page::html`] and the
/// [module's example](self).
#[derive(Clone, Debug)]
pub struct Page {
    /// The page's title.
    pub title: String,
    /// A paragraph under the title (plain text).
    pub intro: String,
    /// The coroutines, side by side.
    pub panels: Vec<Panel>,
    /// Where each stood before the first resume.
    pub start: Vec<Snapshot>,
    /// The resumes, in order.
    pub steps: Vec<Step>,
}

impl Page {
    /// The page as one HTML document with everything inline.
    ///
    /// ```
    /// let page = coro_expand::page::Page {
    ///     title: "nothing".into(),
    ///     intro: "<none>".into(),
    ///     panels: vec![],
    ///     start: vec![],
    ///     steps: vec![],
    /// };
    /// assert!(page.html().contains("&lt;none&gt;"));
    /// ```
    pub fn html(&self) -> String {
        let mut out = String::new();
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
        );
        let _ = writeln!(out, "<title>{}</title>", xml(&self.title));
        let _ = writeln!(
            out,
            "<style>\n{CSS}</style>\n</head>\n<body data-step=\"0\">"
        );
        let _ = writeln!(
            out,
            "<header>\n<h1>{}</h1>\n<p class=\"intro\">{}</p>",
            xml(&self.title),
            xml(&self.intro)
        );
        out.push_str(
            "<nav class=\"controls\">\
             <button id=\"start\" title=\"back to the start (Home)\">« Start</button>\
             <button id=\"back\" title=\"one resume back (←)\">◀ Back</button>\
             <button id=\"step\" title=\"one resume (→)\">Step ▶</button>\
             <button id=\"run\" title=\"step on by itself (space)\">Run ▶▶</button>\
             <span id=\"counter\"></span></nav>\n<p id=\"last\"></p>\n</header>\n",
        );
        out.push_str("<main class=\"panels\">\n");
        for (p, panel) in self.panels.iter().enumerate() {
            let _ = writeln!(
                out,
                "<section class=\"panel\" id=\"panel-{p}\" data-panel=\"{p}\">\n<h2><code>{}</code> <span class=\"where\"></span></h2>",
                xml(&panel.name)
            );
            let _ = writeln!(
                out,
                "<div class=\"diagram\">\n{}</div>\n<p class=\"via\"></p>",
                panel.svg
            );
            out.push_str("<table class=\"held\"><caption>holds</caption><tbody></tbody></table>\n");
            let _ = write!(
                out,
                "<div class=\"source\"><div class=\"file\">{}</div><pre><code>",
                xml(&panel.file)
            );
            for (number, text) in &panel.lines {
                let _ = write!(
                    out,
                    "<span class=\"line\" data-line=\"{number}\"><span class=\"ln\">{number}</span>{}</span>",
                    highlight(text)
                );
            }
            out.push_str("</code></pre></div>\n</section>\n");
        }
        out.push_str("</main>\n");
        out.push_str(
            "<section class=\"log\"><h2>Resumes</h2><table>\
             <thead><tr><th>#</th><th>coroutine</th><th>resumed with</th><th>result</th><th>now at</th></tr></thead><tbody>\n",
        );
        for (i, step) in self.steps.iter().enumerate() {
            let name = self.panels.get(step.panel).map_or("?", |p| p.name.as_str());
            let now = step
                .after
                .get(step.panel)
                .map_or(String::new(), describe_state);
            let _ = writeln!(
                out,
                "<tr data-step=\"{}\"><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                i + 1,
                i + 1,
                xml(name),
                xml(&step.arg),
                xml(&step.result),
                xml(&now)
            );
            for note in &step.notes {
                let _ = writeln!(
                    out,
                    "<tr class=\"note\" data-step=\"{}\"><td></td><td colspan=\"4\"><code>{}</code></td></tr>",
                    i + 1,
                    xml(note)
                );
            }
        }
        out.push_str("</tbody></table></section>\n");
        let _ = writeln!(
            out,
            "<script type=\"application/json\" id=\"trace\">{}</script>",
            self.json()
        );
        let _ = writeln!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>");
        out
    }

    /// The data the script replays, as JSON (with `<` escaped, so that no `</script>` can
    /// end the element early).
    fn json(&self) -> String {
        use serde_json::{json, Value};
        let snapshot = |s: &Snapshot| -> Value {
            json!({
                "state": s.state,
                "line": s.line,
                "held": s.held.iter().map(|(n, v)| json!([n, v])).collect::<Vec<_>>(),
                "where": describe_state(s),
            })
        };
        let value = json!({
            "panels": self.panels.iter().map(|p| json!({
                "name": p.name,
                "transitions": p.transitions.iter().map(|(f, t, l)| json!([f, t, l])).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "start": self.start.iter().map(snapshot).collect::<Vec<_>>(),
            "steps": self.steps.iter().map(|s| json!({
                "panel": s.panel,
                "arg": s.arg,
                "result": s.result,
                "after": s.after.iter().map(snapshot).collect::<Vec<_>>(),
                "notes": s.notes,
            })).collect::<Vec<_>>(),
        });
        value.to_string().replace('<', "\\u003c")
    }
}

/// A state in a few words: `not started`, `Suspend0 at line 52`, `returned`.
fn describe_state(s: &Snapshot) -> String {
    match (s.state.as_str(), s.line) {
        ("start", _) => "not started".to_string(),
        ("done", _) => "returned".to_string(),
        ("poisoned", _) => "poisoned".to_string(),
        (state, Some(line)) => format!("Suspend{} at line {line}", &state[1..]),
        (state, None) => state.to_string(),
    }
}

/// Rust keywords worth setting in bold.
const KEYWORDS: &[&str] = &[
    "as", "break", "continue", "else", "enum", "fn", "for", "if", "impl", "in", "let", "loop",
    "match", "move", "mut", "pub", "return", "struct", "use", "where", "while",
];

/// A line of Rust as HTML, lightly coloured: comments, strings, keywords, `yield_!`.
fn highlight(line: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            let rest: String = chars[i..].iter().collect();
            let _ = write!(out, "<span class=\"c\">{}</span>", xml(&rest));
            break;
        }
        if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                if chars[j] == '\\' {
                    j += 1;
                }
                j += 1;
            }
            let end = (j + 1).min(chars.len());
            let text: String = chars[i..end].iter().collect();
            let _ = write!(out, "<span class=\"s\">{}</span>", xml(&text));
            i = end;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            let word: String = chars[i..j].iter().collect();
            if word == "yield_" && chars.get(j) == Some(&'!') {
                out.push_str("<span class=\"y\">yield_!</span>");
                j += 1;
            } else if KEYWORDS.contains(&word.as_str()) {
                let _ = write!(out, "<span class=\"k\">{word}</span>");
            } else {
                out.push_str(&xml(&word));
            }
            i = j;
            continue;
        }
        out.push_str(&xml(&c.to_string()));
        i += 1;
    }
    out
}

const CSS: &str = r#"
:root { --hot: #d08a00; --hot-bg: #fff3c4; --ink: #1d2733; --muted: #5a6775; --rule: #d8dee4; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
header { padding: 14px 22px 6px; background: #fff; border-bottom: 1px solid var(--rule); position: sticky; top: 0; z-index: 2; }
h1 { font-size: 20px; margin: 0 0 4px; }
.intro { margin: 0 0 10px; color: var(--muted); max-width: 72em; }
.controls { display: flex; gap: 8px; align-items: center; }
button { font: inherit; padding: 5px 14px; border: 1px solid #9aa6b2; border-radius: 6px; background: #fff; cursor: pointer; }
button:hover:not(:disabled) { background: #eef2f6; }
button:disabled { opacity: 0.4; cursor: default; }
button#step { border-color: var(--hot); font-weight: 600; }
#counter { margin-left: 10px; color: var(--muted); }
#last { margin: 8px 0 4px; min-height: 1.45em; }
#last code { background: #eef2f6; padding: 0 4px; border-radius: 3px; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; padding: 16px 22px; }
.panel { background: #fff; border: 1px solid var(--rule); border-radius: 8px; padding: 10px 14px; min-width: 0; }
.panel.active { border-color: var(--hot); box-shadow: 0 0 0 2px var(--hot-bg); }
.panel h2 { font-size: 17px; margin: 0 0 6px; }
.panel h2 .where { font-weight: normal; font-size: 14px; color: var(--muted); margin-left: 6px; }
.diagram svg { max-width: 100%; height: auto; display: block; margin: 0 auto; }
p.via { font-size: 13px; color: var(--muted); min-height: 1.45em; margin: 4px 0 8px; }
p.via code { color: #7a5000; }
table.held { border-collapse: collapse; margin: 0 0 10px; font-size: 14px; width: 100%; }
table.held caption { text-align: left; font-weight: 600; margin-bottom: 2px; }
table.held td { border-top: 1px solid var(--rule); padding: 2px 8px 2px 0; vertical-align: top; }
table.held td.name { white-space: nowrap; width: 1%; }
table.held td.value code { word-break: break-all; }
table.held .none td { color: var(--muted); font-style: italic; }
.source .file { font-size: 12px; color: var(--muted); }
.source pre { margin: 2px 0 0; font-size: 13px; line-height: 1.38; background: #fbfcfd; border: 1px solid var(--rule); border-radius: 6px; overflow-x: auto; padding: 6px 0; }
.source .line { display: block; padding: 0 10px 0 0; white-space: pre; }
.source .ln { display: inline-block; width: 3.2em; padding-right: 0.8em; text-align: right; color: #9aa6b2; user-select: none; }
.source .line.current { background: var(--hot-bg); box-shadow: inset 4px 0 0 var(--hot); }
.source .c { color: #6a737d; font-style: italic; }
.source .s { color: #22863a; }
.source .k { color: #8a3ab9; font-weight: 600; }
.source .y { color: #b35900; font-weight: 700; }
.log { padding: 0 22px 30px; }
.log h2 { font-size: 17px; margin: 6px 0; }
.log table { border-collapse: collapse; background: #fff; border: 1px solid var(--rule); font-size: 14px; }
.log th, .log td { padding: 3px 12px; text-align: left; border-bottom: 1px solid #eef1f4; }
.log tr.future { display: none; }
.log tr.current td { background: var(--hot-bg); }
.log tr.note td { color: #22863a; border-bottom: none; padding-top: 0; }
.log tbody tr { cursor: pointer; }
"#;

const SCRIPT: &str = r#"
'use strict';
const trace = JSON.parse(document.getElementById('trace').textContent);
const total = trace.steps.length;
let current = 0;
let timer = null;
const $ = (sel, root) => (root || document).querySelector(sel);
const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

function snapshots(i) { return i === 0 ? trace.start : trace.steps[i - 1].after; }

function show(i) {
  current = Math.max(0, Math.min(total, i));
  const now = snapshots(current);
  const before = current > 0 ? snapshots(current - 1) : null;
  const step = current > 0 ? trace.steps[current - 1] : null;
  document.body.dataset.step = String(current);
  $('#counter').textContent = 'step ' + current + ' of ' + total;
  $('#last').innerHTML = '';
  if (step) {
    const name = trace.panels[step.panel].name;
    $('#last').append(
      'Step ' + current + ': ', code(name), ' resumed with ', code(step.arg), ', ', code(step.result));
  } else {
    $('#last').append('Nothing has run yet: both coroutines are created, not started. Press Step.');
  }
  $$('.panel').forEach((panel, p) => {
    const s = now[p];
    panel.classList.toggle('active', !!step && step.panel === p);
    $('.where', panel).textContent = s.where;
    $$('.state', panel).forEach(g => g.classList.toggle('current', g.dataset.state === s.state));
    let taken = null;
    if (step && step.panel === p) {
      taken = [before[p].state, s.state];
    }
    let label = '';
    $$('.transition', panel).forEach(g => {
      const on = !!taken && g.dataset.from === taken[0] && g.dataset.to === taken[1];
      g.classList.toggle('taken', on);
      if (on) { label = g.dataset.label || '(straight on)'; }
    });
    const caption = $('p.via', panel);
    caption.innerHTML = '';
    if (taken) {
      caption.append('this resume: ' + taken[0] + ' \u2192 ' + taken[1] + ' via ', code(label));
    }
    const body = $('table.held tbody', panel);
    body.innerHTML = '';
    if (s.held.length === 0) {
      const row = body.insertRow();
      row.className = 'none';
      row.insertCell().textContent = s.state === 'start' ? 'its parameters (not started)' : 'nothing';
    }
    for (const [name, value] of s.held) {
      const row = body.insertRow();
      const n = row.insertCell(); n.className = 'name'; n.append(code(name));
      const v = row.insertCell(); v.className = 'value'; v.append(code(value));
    }
    $$('.line', panel).forEach(l => l.classList.toggle('current', s.line !== null && Number(l.dataset.line) === s.line));
  });
  $$('.log tbody tr').forEach(tr => {
    const k = Number(tr.dataset.step);
    tr.classList.toggle('future', k > current);
    tr.classList.toggle('current', k === current);
  });
  $('#start').disabled = current === 0;
  $('#back').disabled = current === 0;
  $('#step').disabled = current === total;
  $('#run').disabled = current === total && timer === null;
  try { history.replaceState(null, '', '#step=' + current); } catch (e) { /* a file: URL may refuse */ }
}

function code(text) { const c = document.createElement('code'); c.textContent = text; return c; }

function stop() {
  if (timer !== null) { clearInterval(timer); timer = null; }
  $('#run').textContent = 'Run \u25b6\u25b6';
}

function run() {
  if (timer !== null) { stop(); show(current); return; }
  if (current === total) { show(0); }
  $('#run').textContent = 'Pause \u275a\u275a';
  timer = setInterval(() => {
    show(current + 1);
    if (current === total) { stop(); show(current); }
  }, 700);
}

$('#start').addEventListener('click', () => { stop(); show(0); });
$('#back').addEventListener('click', () => { stop(); show(current - 1); });
$('#step').addEventListener('click', () => { stop(); show(current + 1); });
$('#run').addEventListener('click', run);
$$('.log tbody tr').forEach(tr => tr.addEventListener('click', () => { stop(); show(Number(tr.dataset.step)); }));
document.addEventListener('keydown', e => {
  if (e.key === 'ArrowRight') { $('#step').click(); }
  else if (e.key === 'ArrowLeft') { $('#back').click(); }
  else if (e.key === 'Home') { $('#start').click(); }
  else if (e.key === ' ') { e.preventDefault(); $('#run').click(); }
});

// `#step=N` opens the page at step N. `#press=step,step,back` presses those buttons in
// turn once the page is up, each where a person would click it (the element at the
// button's centre gets the click), so a headless browser can drive the page from its
// address; a press that would hit something else is recorded in `data-press-error`.
const fragment = new URLSearchParams(location.hash.slice(1));
show(Number(fragment.get('step')) || 0);
if (fragment.has('press')) {
  for (const id of fragment.get('press').split(',').filter(Boolean)) {
    const button = document.getElementById(id);
    if (!button) { document.body.dataset.pressError = 'no button ' + id; break; }
    button.scrollIntoView({ block: 'center' });
    const r = button.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (hit !== button && !button.contains(hit)) {
      document.body.dataset.pressError = id + ' is covered by ' + (hit ? hit.tagName : 'nothing');
      break;
    }
    hit.click();
  }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighting_escapes_and_marks_yields_keywords_strings_and_comments() {
        let html = highlight(r#"    let x = yield_!(a < b); // "<done>""#);
        assert_eq!(
            html,
            "    <span class=\"k\">let</span> x = <span class=\"y\">yield_!</span>(a &lt; b); \
             <span class=\"c\">// &quot;&lt;done&gt;&quot;</span>"
        );
        assert_eq!(
            highlight(r#"f("a\"b", yield_x)"#),
            "f(<span class=\"s\">&quot;a\\&quot;b&quot;</span>, yield_x)"
        );
    }

    #[test]
    fn the_data_cannot_close_its_script_element() {
        let page = Page {
            title: "t".into(),
            intro: String::new(),
            panels: vec![],
            start: vec![],
            steps: vec![Step {
                panel: 0,
                arg: "</script><script>alert(1)</script>".into(),
                result: String::new(),
                after: vec![],
                notes: vec![],
            }],
        };
        let html = page.html();
        let data_start = html.find("id=\"trace\">").unwrap();
        let data_end = data_start + html[data_start..].find("</script>").unwrap();
        assert!(html[data_start..data_end].contains("\\u003c/script>"));
        assert!(!html.contains("alert(1)</script>"));
    }

    #[test]
    fn states_are_named_as_the_diagram_names_them() {
        assert_eq!(
            describe_state(&Snapshot::new("s1", Some(55), vec![])),
            "Suspend1 at line 55"
        );
        assert_eq!(
            describe_state(&Snapshot::new("start", None, vec![])),
            "not started"
        );
        assert_eq!(
            describe_state(&Snapshot::new("done", None, vec![])),
            "returned"
        );
    }
}
