//! `tencent-action-codegen specs add` against a loopback package index: the JSON API names the
//! wheel and its SHA-256, the wheel is downloaded, checked and the named products written with
//! their index; a wheel whose digest differs is refused; an index that cannot be reached gives
//! the offline message. No network: everything is served from 127.0.0.1.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use tencent_action_codegen::pypi::sha256_hex;
use tencent_action_codegen::wheel::write_zip;
use tencent_action_naming::specs::Index;

fn api(service: &str, version: &str) -> String {
    format!(
        r#"{{"metadata": {{"serviceShortName": "{service}", "apiVersion": "{version}"}},
           "actions": {{"DescribeVpcs": {{"input": "DescribeVpcsRequest", "output": "DescribeVpcsResponse", "document": "x"}}}},
           "objects": {{"DescribeVpcsResponse": {{"members": [{{"name": "TotalCount", "type": "int", "member": "uint64", "output_required": true, "document": "d"}}]}}}}}}"#
    )
}

fn run(args: &[&str], out: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tencent-action-codegen"))
        .args(["specs", "add"])
        .args(args)
        .arg("--out-dir")
        .arg(out)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn downloads_checks_and_writes_the_named_products() {
    let (vpc, cbs) = (api("vpc", "2017-03-12"), api("cbs", "2017-03-12"));
    let wheel = write_zip(&[
        ("tccli/services/vpc/v20170312/api.json", vpc.as_bytes()),
        ("tccli/services/cbs/v20170312/api.json", cbs.as_bytes()),
    ]);
    let json = |sha: &str, base: &str| {
        format!(
            r#"{{"info": {{"version": "9.9.10"}}, "urls": [], "releases": {{"9.9.9": [
                {{"filename": "tccli-9.9.9.tar.gz", "url": "{base}/none", "packagetype": "sdist", "digests": {{"sha256": "00"}}}},
                {{"filename": "tccli-9.9.9-py2.py3-none-any.whl", "url": "../../files/tccli.whl", "packagetype": "bdist_wheel", "digests": {{"sha256": "{sha}"}}}}]}}}}"#
        )
    };
    let out = scratch("specs-add");
    let base = serve_release(&wheel, |base| json(&sha256_hex(&wheel), base));
    let (ok, err) = run(
        &[
            "vpc",
            "--tccli",
            "9.9.9",
            "--index",
            &format!("{base}/pypi"),
        ],
        &out,
    );
    assert!(ok, "{err}");
    assert!(out.join("vpc/v20170312/api.json").is_file(), "{err}");
    assert!(!out.join("cbs").exists(), "only the named product");
    let index = Index::parse(&std::fs::read_to_string(out.join("index.txt")).unwrap());
    assert_eq!(index.tccli, "9.9.9");
    assert_eq!(index.services(), ["vpc"]);

    // Adding another keeps the first, and the index lists both.
    let base = serve_release(&wheel, |base| json(&sha256_hex(&wheel), base));
    let (ok, err) = run(
        &[
            "cbs",
            "--tccli",
            "9.9.9",
            "--index",
            &format!("{base}/pypi"),
        ],
        &out,
    );
    assert!(ok, "{err}");
    let index = Index::parse(&std::fs::read_to_string(out.join("index.txt")).unwrap());
    assert_eq!(index.services(), ["cbs", "vpc"]);

    // A wheel whose digest is not the published one is refused, and nothing is written.
    let out = scratch("specs-add-tampered");
    let base = serve_release(&wheel, |base| json(&"ab".repeat(32), base));
    let (ok, err) = run(
        &[
            "vpc",
            "--tccli",
            "9.9.9",
            "--index",
            &format!("{base}/pypi"),
        ],
        &out,
    );
    assert!(!ok);
    assert!(
        err.contains("does not have the SHA-256 PyPI publishes"),
        "{err}"
    );
    assert!(!out.exists());

    // An unknown release, and an index that cannot be reached.
    let base = serve_release(&wheel, |base| json("00", base));
    let (ok, err) = run(
        &[
            "vpc",
            "--tccli",
            "0.0.0",
            "--index",
            &format!("{base}/pypi"),
        ],
        &out,
    );
    assert!(!ok);
    assert!(err.contains("PyPI has no tccli release 0.0.0"), "{err}");
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let (ok, err) = run(&["vpc", "--index", &format!("http://{closed}/pypi")], &out);
    assert!(!ok);
    assert!(
        err.contains("offline, pass a wheel you already have with --wheel FILE"),
        "{err}"
    );
}

/// A loopback index serving one release: its JSON (made from the base URL, which the wheel's
/// URL names) and its wheel.
fn serve_release(wheel: &[u8], json: impl Fn(&str) -> String) -> String {
    serve_with(
        |base| {
            vec![
                ("/pypi/tccli/json".to_owned(), json(base).into_bytes()),
                ("/files/tccli.whl".to_owned(), wheel.to_vec()),
            ]
        },
        2,
    )
}

/// Serves the routes (path → body) that `routes` makes from the base URL, over HTTP/1.1 on a
/// loopback port, one request per connection, for `requests` requests; returns the base URL.
fn serve_with(routes: impl FnOnce(&str) -> Vec<(String, Vec<u8>)>, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = routes(&base);
    std::thread::spawn(move || serve_on(listener, routes, requests));
    base
}

fn serve_on(listener: TcpListener, routes: Vec<(String, Vec<u8>)>, requests: usize) {
    for stream in listener.incoming().take(requests) {
        let Ok(mut stream) = stream else { return };
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        let _ = reader.read_line(&mut line);
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                break;
            }
        }
        let path = line.split(' ').nth(1).unwrap_or("").to_owned();
        let (status, body) = match routes.iter().find(|(p, _)| *p == path) {
            Some((_, body)) => ("200 OK", body.clone()),
            None => ("404 Not Found", b"not found".to_vec()),
        };
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
    }
}
