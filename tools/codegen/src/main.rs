//! `tencent-action-codegen`: response structs from a Tencent Cloud `api.json`.

use std::path::PathBuf;
use std::process::ExitCode;

use tencent_action_codegen::specs::{Products, BUNDLED_TCCLI};
use tencent_action_codegen::{compact, generate, pypi, specs, Api, Options};

const USAGE: &str = "\
usage:
  tencent-action-codegen --api API_JSON (--all | ACTION...) [--codes PATH] [--models] [--no-imports] [--out FILE]
      Writes one #[tencent_action] struct per ACTION (or every action with --all), the model
      types they use and doc comments from the spec, to FILE or standard output.
      --codes PATH     add `codes = PATH` to every attribute (a product's error-code enum)
      --models         write model types as #[tencent_model] structs (checked against the schema)
      --no-imports     leave out the `use` lines (when pasting into a module that has them)
  tencent-action-codegen compact --api API_JSON... --out-dir DIR
      Writes each api.json trimmed to what the schema check reads (output and input objects,
      names, types, flags; no documentation) to DIR/<service>/v<YYYYMMDD>/api.json.
  tencent-action-codegen specs add (SERVICE... | --all) [--tccli VERSION] [--out-dir DIR]
                                   [--wheel FILE] [--cache DIR] [--index URL]
      Downloads tccli's wheel from PyPI over HTTPS (release VERSION, default BUNDLED, or
      `latest`), checks the SHA-256 PyPI publishes for it, and writes the compact specs of
      every version of each SERVICE (e.g. `vpc cbs`) into DIR with its index.txt, where the
      next build picks them up. DIR defaults to the `specs` directory set in the Cargo.toml of
      the current directory's crate or workspace ([package.metadata.tencent-action]).
      --wheel FILE     use a wheel already downloaded instead (no network)
      --cache DIR      keep the downloaded wheel in DIR, and reuse it when its digest matches
      --index URL      the package index's JSON API (default https://pypi.org/pypi)";

fn usage() -> String {
    USAGE.replace("BUNDLED", BUNDLED_TCCLI)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("-h" | "--help") | None => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Some("compact") => compact_specs(&args[1..]),
        Some("specs") => match args.get(1).map(String::as_str) {
            Some("add") => specs_add(&args[2..]),
            _ => Err(format!("`specs` takes `add`\n{}", usage()).into()),
        },
        Some("generate") => structs(&args[1..]),
        Some(_) => structs(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tencent-action-codegen: {e}");
            ExitCode::from(2)
        }
    }
}

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}").into())
}

fn value<'a>(it: &mut impl Iterator<Item = &'a String>, flag: &str) -> Result<&'a String> {
    it.next()
        .ok_or_else(|| format!("{flag} needs a value\n{}", usage()).into())
}

fn structs(args: &[String]) -> Result {
    let mut api_path = None;
    let mut all = false;
    let mut out_path = None;
    let mut options = Options::default();
    let mut actions: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--api" => api_path = Some(value(&mut it, "--api")?.clone()),
            "--all" => all = true,
            "--out" => out_path = Some(value(&mut it, "--out")?.clone()),
            "--codes" => options.codes = Some(value(&mut it, "--codes")?.clone()),
            "--no-imports" => options.imports = false,
            "--models" => options.models = true,
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag}\n{}", usage()).into())
            }
            list => actions.extend(
                list.split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned),
            ),
        }
    }
    let api_path = api_path.ok_or_else(|| format!("--api is required\n{}", usage()))?;
    let api = Api::from_json(&read(&api_path)?).map_err(|e| format!("{api_path}: {e}"))?;
    if all {
        actions.extend(api.action_names().map(str::to_owned));
    }
    if actions.is_empty() {
        return Err(format!("name at least one action, or --all\n{}", usage()).into());
    }
    let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
    let generated = generate(&api, &actions, &options)?;
    for warning in &generated.warnings {
        eprintln!("warning: {warning}");
    }
    match out_path {
        Some(path) => {
            std::fs::write(&path, &generated.source).map_err(|e| format!("writing {path}: {e}"))?
        }
        None => print!("{}", generated.source),
    }
    Ok(())
}

fn compact_specs(args: &[String]) -> Result {
    let mut out_dir = None;
    let mut apis = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out-dir" => out_dir = Some(PathBuf::from(value(&mut it, "--out-dir")?)),
            "--api" => apis.push(value(&mut it, "--api")?.clone()),
            other => return Err(format!("unknown argument {other}\n{}", usage()).into()),
        }
    }
    let out_dir = out_dir.ok_or_else(|| format!("--out-dir is required\n{}", usage()))?;
    if apis.is_empty() {
        return Err(format!("name at least one --api\n{}", usage()).into());
    }
    for api_path in &apis {
        let compact = compact(&read(api_path)?).map_err(|e| format!("{api_path}: {e}"))?;
        let path = out_dir.join(compact.relative_path());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        }
        std::fs::write(&path, &compact.text)
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), compact.text.len());
    }
    Ok(())
}

fn specs_add(args: &[String]) -> Result {
    let mut names = Vec::new();
    let mut all = false;
    let mut tccli = BUNDLED_TCCLI.to_owned();
    let mut out_dir = None;
    let mut wheel_path = None;
    let mut cache = None;
    let mut index = pypi::PYPI.to_owned();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--all" => all = true,
            "--tccli" => tccli = value(&mut it, "--tccli")?.clone(),
            "--out-dir" => out_dir = Some(PathBuf::from(value(&mut it, "--out-dir")?)),
            "--wheel" => wheel_path = Some(PathBuf::from(value(&mut it, "--wheel")?)),
            "--cache" => cache = Some(PathBuf::from(value(&mut it, "--cache")?)),
            "--index" => index = value(&mut it, "--index")?.trim_end_matches('/').to_owned(),
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag}\n{}", usage()).into())
            }
            name => names.push(name.to_owned()),
        }
    }
    let products = match (all, names.is_empty()) {
        (true, true) => Products::All,
        (false, false) => Products::Named(names),
        (true, false) => return Err("name services or --all, not both".into()),
        (false, true) => {
            return Err(format!("name the services to add (e.g. `vpc cbs`)\n{}", usage()).into())
        }
    };
    let out_dir = match out_dir {
        Some(dir) => dir,
        None => specs::configured_dir(&std::env::current_dir()?)?,
    };
    let (bytes, release) = match wheel_path {
        Some(path) => {
            let bytes =
                std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
            (bytes, tccli)
        }
        None => {
            let wheel = pypi::find(&index, &tccli)?;
            eprintln!("tccli {}: {}", wheel.version, wheel.filename);
            (wheel.fetch(cache.as_deref())?, wheel.version)
        }
    };
    let compacts = specs::extract(&bytes, &products)?;
    let written = specs::write(&out_dir, &compacts, &release)?;
    for c in &compacts {
        eprintln!("wrote {}", out_dir.join(c.relative_path()).display());
    }
    eprintln!(
        "{}: {} products from tccli {release}",
        out_dir.join(tencent_action_naming::specs::INDEX).display(),
        written.entries.len()
    );
    Ok(())
}
