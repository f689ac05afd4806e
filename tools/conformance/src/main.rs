//! `tencent-action-conformance`: writes the conformance harness crate (see
//! `scripts/conformance.sh`, which then runs it).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tencent_action_codegen::Api;
use tencent_action_conformance::{write_harness_crate, BoxError, ConformanceService};

const USAGE: &str = "\
usage: tencent-action-conformance write --out-dir DIR (--service API_JSON EXAMPLES_JSON)...
    Generates the response struct of every action of each service (nested types as
    #[tencent_model]) and writes the harness crate that decodes every example to DIR.
    Build and run it (the schema check is on by default, with the bundled specs):
    cargo run --manifest-path DIR/Cargo.toml -- --expected tools/conformance/expected.tsv [--update]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("write") => write(&args[1..]),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => Err(USAGE.into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tencent-action-conformance: {e}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &Path) -> Result<String, BoxError> {
    std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()).into())
}

fn write(args: &[String]) -> Result<(), BoxError> {
    let mut out_dir = None;
    let mut services = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out-dir" => out_dir = Some(PathBuf::from(it.next().ok_or(USAGE)?)),
            "--service" => {
                let (Some(api_path), Some(examples_path)) = (it.next(), it.next()) else {
                    return Err(format!("--service needs two paths\n{USAGE}").into());
                };
                let api = Api::from_json(&read(api_path.as_ref())?)
                    .map_err(|e| format!("{api_path}: {e}"))?;
                let examples_path = std::path::absolute(examples_path)?;
                let examples = read(&examples_path)?;
                services.push(
                    ConformanceService::new(api, &examples_path, &examples)
                        .map_err(|e| format!("{}: {e}", examples_path.display()))?,
                );
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    let out_dir = out_dir.ok_or_else(|| format!("--out-dir is required\n{USAGE}"))?;
    if services.is_empty() {
        return Err(format!("name at least one --service\n{USAGE}").into());
    }
    // The harness depends on the runtime and on this library by path: both are in the
    // workspace this tool was built from (canonical, so its Cargo.toml has no `..`).
    let tool = Path::new(env!("CARGO_MANIFEST_DIR"));
    let canonical =
        |path: &Path| std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()));
    let runtime = canonical(&tool.join("../../runtime"))?;
    let files = write_harness_crate(&out_dir, &runtime, &canonical(tool)?, &services)?;
    eprintln!(
        "wrote {} files of the harness crate to {}",
        files.len(),
        out_dir.display()
    );
    Ok(())
}
