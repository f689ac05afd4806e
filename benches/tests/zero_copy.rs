//! Zero-copy: a `#[tencent_action]` struct with `&'a str` fields decodes from a borrowed
//! buffer without allocating those strings.

use tencent_action::Action;
use tencent_action_benches::alloc_count::{count, Counting};
use tencent_action_benches::cls;

#[global_allocator]
static GLOBAL: Counting = Counting;

fn inside(body: &[u8], s: &str) -> bool {
    body.as_ptr_range().contains(&s.as_ptr())
}

#[test]
fn borrowed_fields_point_into_the_body() {
    let body = cls::payload();
    let out: cls::SearchLogRef<'_> = tencent_action::from_slice(&body).unwrap();
    let results = out.results.as_ref().unwrap();
    assert_eq!(results.len(), cls::RESULTS);
    assert!(inside(&body, out.context));
    for log in results {
        for s in [
            log.topic_id,
            log.topic_name,
            log.source,
            log.file_name,
            log.pkg_id,
            log.pkg_log_id,
            log.host_name.unwrap(),
        ] {
            assert!(inside(&body, s), "{s:?} was copied");
        }
    }
    // The RequestId is the one string the envelope owns.
    assert!(!inside(&body, out.request_id()));
}

#[test]
fn borrowed_decode_skips_one_allocation_per_borrowed_string() {
    let body = cls::payload();
    let (owned, out) = count(|| tencent_action::from_slice::<cls::SearchLog>(&body).unwrap());
    drop(out);
    let (borrowed, out) =
        count(|| tencent_action::from_slice::<cls::SearchLogRef<'_>>(&body).unwrap());
    println!(
        "owned: {} allocations, {} bytes; borrowed: {} allocations, {} bytes",
        owned.allocations, owned.bytes, borrowed.allocations, borrowed.bytes
    );
    let results = out.results.as_ref().unwrap();
    // Per log, the owned struct allocates TopicId, TopicName, Source, FileName, PkgId,
    // PkgLogId and HostName, plus each highlight's key and values; the borrowed one none.
    let highlight_strings: usize = results
        .iter()
        .filter_map(|l| l.high_lights.as_ref())
        .flatten()
        .map(|h| 1 + h.values.len())
        .sum();
    // + Context, and the owned struct's Topics (a Vec of one info with two strings), which the
    // borrowed struct does not declare.
    let saved = (7 * results.len() + highlight_strings + 1 + 3) as u64;
    assert_eq!(
        owned.allocations - borrowed.allocations,
        saved,
        "owned {owned:?}, borrowed {borrowed:?}"
    );
    // What remains is the Vecs, the escaped LogJson and RawLog (unescaped into Cow::Owned),
    // and the RequestId.
    let escaped = results
        .iter()
        .filter(|l| matches!(l.log_json, Some(std::borrow::Cow::Owned(_))))
        .count();
    assert_eq!(escaped, cls::RESULTS);
    assert!(borrowed.bytes < owned.bytes);
}
