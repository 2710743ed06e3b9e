//! The external ids and e-mails an import into an empty file has written so far.
//!
//! In an empty file a row can only match a lead this import created, so when the filter has
//! never seen a row's keys the two index lookups are skipped (a seventh of a 100k-row
//! import). It is a Bloom filter of fixed size: a false "maybe" only costs the lookup it
//! would have made anyway, and memory stays at 512 KB whatever the file's size.

use std::hash::{DefaultHasher, Hash, Hasher};

const BITS: usize = 1 << 22;

#[derive(Clone, Copy)]
pub(super) enum Key {
    ExternalId,
    Email,
}

pub(super) struct KeyFilter {
    bits: Vec<u64>,
}

impl KeyFilter {
    pub(super) fn new() -> Self {
        KeyFilter {
            bits: vec![0; BITS / 64],
        }
    }

    /// Two bit positions from one 64-bit hash (DefaultHasher::new has fixed keys).
    fn probes(kind: Key, key: &str) -> [usize; 2] {
        let mut h = DefaultHasher::new();
        (kind as u8).hash(&mut h);
        key.hash(&mut h);
        let v = h.finish();
        [(v as usize) % BITS, ((v >> 32) as usize) % BITS]
    }

    pub(super) fn insert(&mut self, kind: Key, key: &str) {
        for p in Self::probes(kind, key) {
            self.bits[p / 64] |= 1 << (p % 64);
        }
    }

    /// False only when `key` was certainly never inserted.
    pub(super) fn may_contain(&self, kind: Key, key: &str) -> bool {
        Self::probes(kind, key)
            .iter()
            .all(|p| self.bits[p / 64] & (1 << (p % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_forgets_and_rarely_imagines() {
        let mut f = KeyFilter::new();
        for i in 0..100_000 {
            f.insert(Key::ExternalId, &format!("EXT-{i}"));
        }
        assert!((0..100_000).all(|i| f.may_contain(Key::ExternalId, &format!("EXT-{i}"))));
        // The same text as another kind of key, and keys never inserted, are mostly absent.
        let false_hits = (0..100_000)
            .filter(|i| f.may_contain(Key::Email, &format!("EXT-{i}")))
            .count()
            + (100_000..200_000)
                .filter(|i| f.may_contain(Key::ExternalId, &format!("EXT-{i}")))
                .count();
        assert!(false_hits < 2_000, "{false_hits} false hits in 200,000");
    }
}
