//! Reading files out of a Python wheel (a zip archive) without a zip crate: the central
//! directory names every entry with its offset, and tccli's entries are stored or deflated.
//! Only what a wheel needs is read (no zip64, no encryption, no multi-disk archives).

use crate::spec::SpecError;

/// One file of the archive, located but not yet read.
pub struct Entry<'a> {
    /// The path inside the archive: `tccli/services/cvm/v20170312/api.json`.
    pub name: String,
    method: u16,
    compressed: &'a [u8],
    size: usize,
}

/// The archive's entries, in the central directory's order.
pub fn entries(zip: &[u8]) -> Result<Vec<Entry<'_>>, SpecError> {
    let bad = |what: &str| SpecError(format!("not a wheel (zip archive): {what}"));
    // The end-of-central-directory record is in the last 22 + 65535 bytes.
    let tail_start = zip.len().saturating_sub(22 + 0xFFFF);
    let eocd = (tail_start..zip.len().saturating_sub(21))
        .rev()
        .find(|&i| zip[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| bad("no end of central directory"))?;
    let count = u16_at(zip, eocd + 10).ok_or_else(|| bad("truncated"))? as usize;
    let mut at = u32_at(zip, eocd + 16).ok_or_else(|| bad("truncated"))? as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if !zip.get(at..).is_some_and(|r| r.starts_with(b"PK\x01\x02")) {
            return Err(bad("a central directory entry is missing"));
        }
        let field = |off: usize| u16_at(zip, at + off).ok_or_else(|| bad("truncated"));
        let method = field(10)?;
        let compressed_len = u32_at(zip, at + 20).ok_or_else(|| bad("truncated"))? as usize;
        let size = u32_at(zip, at + 24).ok_or_else(|| bad("truncated"))? as usize;
        let (name_len, extra_len, comment_len) = (
            field(28)? as usize,
            field(30)? as usize,
            field(32)? as usize,
        );
        let local = u32_at(zip, at + 42).ok_or_else(|| bad("truncated"))? as usize;
        let name = zip
            .get(at + 46..at + 46 + name_len)
            .ok_or_else(|| bad("truncated name"))?;
        let name = String::from_utf8_lossy(name).into_owned();
        // The data follows the local header, whose name and extra field may differ in length.
        if !zip
            .get(local..)
            .is_some_and(|r| r.starts_with(b"PK\x03\x04"))
        {
            return Err(bad("a local header is missing"));
        }
        let local_name = u16_at(zip, local + 26).ok_or_else(|| bad("truncated"))? as usize;
        let local_extra = u16_at(zip, local + 28).ok_or_else(|| bad("truncated"))? as usize;
        let start = local + 30 + local_name + local_extra;
        let compressed = zip
            .get(start..start + compressed_len)
            .ok_or_else(|| bad("truncated data"))?;
        out.push(Entry {
            name,
            method,
            compressed,
            size,
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

impl Entry<'_> {
    /// The entry's bytes, inflated.
    pub fn read(&self) -> Result<Vec<u8>, SpecError> {
        let data = match self.method {
            0 => self.compressed.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(self.compressed, self.size)
                .map_err(|e| SpecError(format!("{}: cannot inflate: {e:?}", self.name)))?,
            other => {
                return Err(SpecError(format!(
                    "{}: compression method {other} is not supported",
                    self.name
                )))
            }
        };
        if data.len() != self.size {
            return Err(SpecError(format!(
                "{}: size differs from the index",
                self.name
            )));
        }
        Ok(data)
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Writes a zip archive of `files` (deflated), for tests: the reader's counterpart.
#[doc(hidden)]
pub fn write_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
        let local = out.len() as u32;
        let header = |sig: &[u8], central: bool| {
            let mut h = sig.to_vec();
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend([0u8; 4]); // time, date
            h.extend(crc32(data).to_le_bytes());
            h.extend((deflated.len() as u32).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend([0u8; 4]); // external attributes
                h.extend(local.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(b"PK\x03\x04", false));
        out.extend(&deflated);
        central.extend(header(b"PK\x01\x02", true));
    }
    let at = out.len() as u32;
    out.extend(&central);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]);
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_and_refuses_garbage() {
        let zip = write_zip(&[("a/api.json", b"{\"x\": 1}"), ("b.txt", &[7u8; 3000])]);
        let entries = entries(&zip).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].name, "a/api.json");
        assert_eq!(entries[0].read().unwrap(), b"{\"x\": 1}");
        assert_eq!(entries[1].read().unwrap(), vec![7u8; 3000]);
        assert!(super::entries(b"not a zip").is_err());
        assert!(super::entries(&zip[..zip.len() - 30]).is_err());
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
