//! The pipeline's stepping page as a person sees it: opened in a real headless Chromium,
//! driven with its own buttons, and read back from what the browser made of it.
//!
//! The page is written to a file and opened with `#press=step,step,..` in its address:
//! once it is up, its script presses those buttons in turn, each by clicking whatever
//! element is at the button's centre (so a covered or missing button fails the test);
//! `--dump-dom` then prints the document as the browser has it, and the test checks the
//! highlighted source line, the highlighted state, the lit transition, the values shown and
//! the log. One test also takes a screenshot; `UPDATE_SCREENSHOT=1` copies it to
//! `docs/stepping-page.png`.
//!
//! These tests need Chromium (Debian's package `chromium`), so plain `cargo test` skips
//! them (their reason says how to install it) and `.ci/run` installs Chromium and runs them
//! with `cargo test -p coro-article --test stepping_page -- --ignored`. Run that way
//! without Chromium, they fail and say how to install it.
#![forbid(unsafe_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const NEEDS: &str = "needs Chromium: apt-get install chromium (Debian, Ubuntu), then \
                     cargo test -p coro-article --test stepping_page -- --ignored";

/// The Chromium to run: `$CHROMIUM`, or `chromium` / `chromium-browser` on the `PATH`.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!(
        "headless Chromium is not installed, and these tests open the stepping page in it; \
         install it with `apt-get install chromium` (Debian, Ubuntu; `.ci/run` does this), or \
         point CHROMIUM at a Chromium or Chrome binary"
    );
}

/// Writes the page for the article's sample, once per test process (the tests run in
/// parallel and must not read it while another one writes it).
fn page() -> PathBuf {
    static PAGE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PAGE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("stepping-page-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the page's folder");
        let path = dir.join("pipeline.html");
        std::fs::write(
            &path,
            coro_article::page::pipeline_html(coro_article::SAMPLE),
        )
        .expect("write the page");
        path
    })
    .clone()
}

/// Runs headless Chromium on `page` with `fragment` and the extra `args`, with a fresh
/// profile and a time limit.
fn browse(page: &Path, fragment: &str, args: &[&str]) -> Output {
    let profile = tempdir();
    let url = format!("file://{}#{fragment}", page.display());
    let mut child = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start Chromium ({e}); {NEEDS}"));
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().expect("wait for Chromium").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Chromium did not finish within 90 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("Chromium's output");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(
        output.status.success(),
        "Chromium failed on {url}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A fresh, empty folder for a Chromium profile.
fn tempdir() -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "chromium-profile-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a profile folder");
    dir
}

/// The document after the page's script ran (and, with a virtual time budget, its timers).
fn dom_after(fragment: &str, extra: &[&str]) -> Dom {
    let mut args = vec!["--dump-dom"];
    args.extend_from_slice(extra);
    let out = browse(&page(), fragment, &args);
    let text = String::from_utf8(out.stdout).expect("the DOM is UTF-8");
    assert!(
        text.contains("<main"),
        "no page in Chromium's output: {text}"
    );
    Dom(text)
}

/// The dumped document, with the few questions the tests ask of it.
struct Dom(String);

impl Dom {
    fn step(&self) -> usize {
        let at = self.0.find("<body").expect("a body");
        let body = &self.0[at..at + self.0[at..].find('>').unwrap()];
        assert!(
            !body.contains("data-press-error"),
            "a button could not be pressed: {body}"
        );
        let value = body.split("data-step=\"").nth(1).expect("data-step");
        value[..value.find('"').unwrap()].parse().expect("a number")
    }

    /// The HTML of panel `p` (0: decompress, 1: parse).
    fn panel(&self, p: usize) -> &str {
        let start = self
            .0
            .find(&format!("id=\"panel-{p}\""))
            .expect("the panel");
        let end = self.0[start..].find("</section>").unwrap() + start;
        &self.0[start..end]
    }

    /// The lines highlighted in panel `p`'s source.
    fn current_lines(&self, p: usize) -> Vec<u32> {
        self.panel(p)
            .split("<span class=\"line current\" data-line=\"")
            .skip(1)
            .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
            .collect()
    }

    /// The states highlighted in panel `p`'s diagram.
    fn current_states(&self, p: usize) -> Vec<String> {
        attribute_after(self.panel(p), " current\" data-state=\"")
    }

    /// The transitions lit in panel `p`'s diagram, as `from -> to`.
    fn taken(&self, p: usize) -> Vec<String> {
        self.panel(p)
            .split("<g class=\"transition taken\" data-from=\"")
            .skip(1)
            .map(|rest| {
                let from = &rest[..rest.find('"').unwrap()];
                let to = rest.split("data-to=\"").nth(1).unwrap();
                format!("{from} -> {}", &to[..to.find('"').unwrap()])
            })
            .collect()
    }

    /// The values panel `p` shows, as `name = value`.
    fn held(&self, p: usize) -> Vec<String> {
        let panel = self.panel(p);
        let table = &panel[panel.find("<table class=\"held\"").expect("the held table")..];
        let table = &table[..table.find("</table>").unwrap()];
        table
            .split("<td class=\"name\"><code>")
            .skip(1)
            .map(|row| {
                let name = &row[..row.find("</code>").unwrap()];
                let value = row.split("<td class=\"value\"><code>").nth(1).unwrap();
                let value = &value[..value.find("</code>").unwrap()];
                format!("{} = {}", unescape(name), unescape(value))
            })
            .collect()
    }

    /// The steps of the log that are shown, and the one marked current.
    fn log(&self) -> (Vec<usize>, Vec<usize>) {
        let log = &self.0[self.0.find("<section class=\"log\"").expect("the log")..];
        let body = &log[log.find("<tbody>").expect("the log's rows")..];
        let mut shown = Vec::new();
        let mut current = Vec::new();
        for row in body.split("<tr ").skip(1) {
            let tag = &row[..row.find('>').unwrap()];
            let attribute = |name: &str| {
                tag.split(&format!("{name}=\""))
                    .nth(1)
                    .map(|rest| rest[..rest.find('"').unwrap()].to_string())
            };
            let classes = attribute("class").unwrap_or_default();
            let has = |c: &str| classes.split(' ').any(|x| x == c);
            if has("note") {
                continue;
            }
            let step: usize = attribute("data-step").expect("a step").parse().unwrap();
            if !has("future") {
                shown.push(step);
            }
            if has("current") {
                current.push(step);
            }
        }
        (shown, current)
    }
}

fn attribute_after(html: &str, marker: &str) -> Vec<String> {
    html.split(marker)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
#[ignore = "needs Chromium: apt-get install chromium, then cargo test -p coro-article --test stepping_page -- --ignored"]
fn five_steps_light_up_the_line_the_state_and_the_values_of_each_coroutine() {
    let dom = dom_after("press=step,step,step,step,step", &[]);
    assert_eq!(dom.step(), 5);
    // Step 5: the decompressor read `FF 02 6C` and yielded the first `l` of the run; it is
    // at its `yield_!(value)`, line 52, in Suspend0, having come from Suspend1.
    assert_eq!(dom.current_lines(0), [52]);
    assert_eq!(dom.current_states(0), ["s0"]);
    assert_eq!(dom.taken(0), ["s1 -> s0"]);
    assert_eq!(
        dom.held(0),
        [
            "getchar = Copied { it: Iter([6F, 2C, 20, FF, 3, 21...",
            "value = 6C",
            "(for loop iterator) = 1..2",
        ]
    );
    // The parser, last resumed at step 4 with `e`, waits in its word loop (line 92).
    assert_eq!(dom.current_lines(1), [92]);
    assert_eq!(dom.current_states(1), ["s0"]);
    assert!(dom.taken(1).is_empty(), "the parser did not run in step 5");
    assert_eq!(
        dom.held(1),
        ["got_token = <not Debug>", "byte = 65", "word = [48, 65]"]
    );
    assert_eq!(dom.log(), ((1..=5).collect(), vec![5]));
}

#[test]
#[ignore = "needs Chromium: apt-get install chromium, then cargo test -p coro-article --test stepping_page -- --ignored"]
fn back_undoes_a_step_and_the_start_shows_nothing_running() {
    let dom = dom_after("press=step,step,step,back", &[]);
    assert_eq!(dom.step(), 2);
    // After step 2 the parser has taken `H` and waits at line 92 holding it.
    assert_eq!(dom.current_lines(1), [92]);
    assert_eq!(dom.taken(1), ["start -> s0"]);
    assert_eq!(
        dom.held(1),
        ["got_token = <not Debug>", "byte = 48", "word = [48]"]
    );
    assert_eq!(
        dom.current_lines(0),
        [55],
        "the decompressor yielded `H` at line 55"
    );

    let dom = dom_after("press=step,start", &[]);
    assert_eq!(dom.step(), 0);
    assert!(dom.current_lines(0).is_empty() && dom.current_lines(1).is_empty());
    assert_eq!(dom.current_states(0), ["start"]);
    assert_eq!(dom.current_states(1), ["start"]);
    assert_eq!(dom.log(), (vec![], vec![]));
}

#[test]
#[ignore = "needs Chromium: apt-get install chromium, then cargo test -p coro-article --test stepping_page -- --ignored"]
fn run_steps_on_by_itself_to_the_end() {
    // The browser's clock runs as fast as the page's timers need (22 steps, 0.7 s apart).
    let dom = dom_after("press=run", &["--virtual-time-budget=40000"]);
    assert_eq!(dom.step(), 22);
    assert_eq!(dom.current_states(0), ["done"]);
    assert_eq!(dom.current_states(1), ["done"]);
    assert_eq!(dom.taken(1), ["s1 -> done"]);
    let (shown, current) = dom.log();
    assert_eq!(shown.len(), 22);
    assert_eq!(current, [22]);
    // (A serialized text node escapes no quote.)
    assert!(dom.0.contains("<code>got_token(WORD \"Hello\")</code>"));
}

#[test]
#[ignore = "needs Chromium: apt-get install chromium, then cargo test -p coro-article --test stepping_page -- --ignored"]
fn a_link_opens_a_step_inside_the_run_of_ff_03_21_and_the_screenshot_shows_it() {
    // Step 17: the second `!` of `FF 03 21`. The decompressor has read its whole input and
    // still counts the run; the parser has just printed the first `!`.
    let dom = dom_after("step=17", &[]);
    assert_eq!(dom.step(), 17);
    assert_eq!(dom.current_lines(0), [52]);
    assert_eq!(dom.taken(0), ["s0 -> s0"]);
    assert_eq!(
        dom.held(0),
        [
            "getchar = Copied { it: Iter([]) }",
            "value = 21",
            "(for loop iterator) = 2..3",
        ]
    );
    assert_eq!(dom.current_lines(1), [104]);
    assert_eq!(dom.held(1), ["got_token = <not Debug>"]);

    let page = page();
    let shot = page.with_file_name("stepping-page.png");
    let _ = std::fs::remove_file(&shot);
    let (width, height) = (1400, 1250);
    browse(
        &page,
        "step=17",
        &[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size={width},{height}"),
        ],
    );
    let png = std::fs::read(&shot).expect("Chromium wrote the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let dimension = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    assert_eq!((dimension(16), dimension(20)), (width, height));
    assert!(
        png.len() > 60_000,
        "a nearly empty screenshot ({} bytes)",
        png.len()
    );
    if std::env::var_os("UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/stepping-page.png");
        std::fs::copy(&shot, docs).expect("copy the screenshot to docs/");
    }
}

#[test]
fn the_page_loads_nothing_from_anywhere() {
    // Runs without Chromium: the file itself names no resource to fetch.
    let html = coro_article::page::pipeline_html(coro_article::SAMPLE);
    for needle in [" src=", " href=", "url(http", "@import", "<link", "fetch("] {
        assert!(!html.contains(needle), "the page contains {needle:?}");
    }
    let outside: Vec<&str> = html
        .match_indices("http")
        .map(|(i, _)| &html[i..(i + 40).min(html.len())])
        .filter(|s| !s.starts_with("http://www.w3.org/2000/svg") && !s.starts_with("http-equiv"))
        .collect();
    assert!(outside.is_empty(), "addresses in the page: {outside:?}");
    assert!(
        html.contains("default-src 'none'"),
        "a policy that forbids fetching"
    );
}
