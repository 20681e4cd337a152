//! `coro-expand FILE [FUNCTION] [--dot] [--svg OUT.svg] [--stages]`: prints, for each
//! `#[coro::coroutine]` function of a Rust source file, the code the attribute generates
//! and the state machine as Graphviz DOT; `--dot` prints the DOT only, `--svg` draws the
//! diagram of one function as SVG, laid out here (no Graphviz needed), `--stages` what
//! every step of the transform makes of the body.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use coro_expand::{expand_source, stages_source, Error, Expanded};

const USAGE: &str = "\
usage: coro-expand FILE [FUNCTION] [--dot] [--svg OUT.svg] [--stages]
       coro-expand --help

For each #[coro::coroutine] function in FILE (or only FUNCTION, by name or path such as
`Lexer::next`), prints the code the attribute generates and the state machine as Graphviz DOT.

  --dot           print only the DOT
  --svg OUT.svg   draw the diagram of one function to OUT.svg (laid out here, no Graphviz)
  --stages        print what every step of the transform makes of the body, in order
  -h, --help      print this help";

/// What the command line asks for.
struct Options {
    file: String,
    function: Option<String>,
    dot_only: bool,
    svg: Option<String>,
    stages: bool,
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("error: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(errors) => {
            for error in errors {
                eprintln!("error: {error}");
            }
            ExitCode::FAILURE
        }
    }
}

/// The options, or `None` for `--help`. Parsed with lexopt, so `--svg=OUT.svg` works as
/// `--svg OUT.svg` does, and `--` ends the options.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, Error> {
    use lexopt::Arg::{Long, Short, Value};

    const ACCEPTED: &str = "accepted: FILE, FUNCTION, --dot, --svg OUT.svg, --stages, -h/--help";
    let mut parser = lexopt::Parser::from_args(args);
    let mut positional = Vec::new();
    let mut dot_only = false;
    let mut svg = None;
    let mut stages = false;
    loop {
        let arg = parser
            .next()
            .map_err(|e| Error::new(format!("{e}; {ACCEPTED}")))?;
        match arg {
            None => break,
            Some(Short('h') | Long("help")) => return Ok(None),
            Some(Long("dot")) => dot_only = true,
            Some(Long("stages")) => stages = true,
            Some(Long("svg")) => match parser.value() {
                Ok(out) => svg = Some(os_string(out)?),
                Err(_) => return Err(Error::new("--svg needs the output file: --svg OUT.svg")),
            },
            Some(Value(value)) => positional.push(os_string(value)?),
            Some(Short(flag)) => {
                return Err(Error::new(format!("unknown option `-{flag}`; {ACCEPTED}")))
            }
            Some(Long(flag)) => {
                return Err(Error::new(format!("unknown option `--{flag}`; {ACCEPTED}")))
            }
        }
    }
    let mut positional = positional.into_iter();
    let Some(file) = positional.next() else {
        return Err(Error::new("missing FILE"));
    };
    let function = positional.next();
    if let Some(extra) = positional.next() {
        return Err(Error::new(format!(
            "unexpected argument `{extra}`: FILE and FUNCTION are the only positional arguments"
        )));
    }
    Ok(Some(Options {
        file,
        function,
        dot_only,
        svg,
        stages,
    }))
}

fn os_string(value: std::ffi::OsString) -> Result<String, Error> {
    value
        .into_string()
        .map_err(|v| Error::new(format!("{} is not valid UTF-8", v.to_string_lossy())))
}

fn run(options: &Options) -> Result<(), Vec<Error>> {
    let source = std::fs::read_to_string(&options.file)
        .map_err(|e| vec![Error::new(format!("cannot read {}: {e}", options.file))])?;
    if options.stages {
        let (shown, errors) = stages_source(&options.file, &source, options.function.as_deref());
        for (path, text) in shown {
            println!("// ===== {path}: every step of the transform =====\n");
            print!("{text}");
        }
        return if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        };
    }
    let (expanded, errors) = expand_source(&options.file, &source, options.function.as_deref());
    if let Some(out) = &options.svg {
        if !errors.is_empty() {
            return Err(errors);
        }
        return match &expanded[..] {
            [one] => render_svg(one, out).map_err(|e| vec![e]),
            many => {
                let names: Vec<&str> = many.iter().map(|e| e.path.as_str()).collect();
                Err(vec![Error::new(format!(
                    "--svg draws one function; choose one of: {}",
                    names.join(", ")
                ))])
            }
        };
    }
    for one in &expanded {
        if options.dot_only {
            print!("{}", one.dot);
        } else {
            println!(
                "// ===== {} (line {}): the expansion =====\n",
                one.path, one.line
            );
            println!("{}", one.code);
            println!(
                "// ===== {}: the state machine (Graphviz DOT) =====\n",
                one.path
            );
            println!("{}", one.dot);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Lays the diagram out and writes it as SVG (no Graphviz needed).
fn render_svg(one: &Expanded, out: &str) -> Result<(), Error> {
    let svg = one.graph.svg("coro-");
    std::fs::write(out, svg).map_err(|e| Error::new(format!("cannot write {out}: {e}")))?;
    eprintln!("wrote {out}: the state machine of `{}`", one.path);
    Ok(())
}
