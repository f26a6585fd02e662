//! The lab's only source of randomness: a ChaCha20 generator seeded from a number.
//!
//! A seed in a link must give every attendee of a workshop the same bytes, so the engine never
//! reads the operating system's randomness; callers that want fresh randomness pick a fresh seed.

use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};

/// A deterministic cryptographically strong generator (ChaCha20, RFC 8439 block function).
#[derive(Clone, Debug)]
pub struct LabRng(ChaCha20Rng);

impl LabRng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn from_seed(seed: u64) -> Self {
        Self(ChaCha20Rng::seed_from_u64(seed))
    }

    /// A generator seeded with 256 bits, for real connections (the CLI's `serve` and
    /// `connect`), where a 64-bit lesson seed would be too little entropy.
    pub fn from_seed_bytes(seed: [u8; 32]) -> Self {
        Self(ChaCha20Rng::from_seed(seed))
    }

    /// Fills `out` with the next bytes of the stream.
    pub fn fill(&mut self, out: &mut [u8]) {
        self.0.fill_bytes(out);
    }

    /// The next `N` bytes of the stream.
    pub fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        self.fill(&mut out);
        out
    }

    /// A generator for a sub-task (for example the PKI) that does not disturb this stream's
    /// later bytes beyond the 32 taken to seed it.
    pub fn fork(&mut self) -> Self {
        Self(ChaCha20Rng::from_seed(self.bytes::<32>()))
    }

    /// The generator itself, for RustCrypto APIs that take a `CryptoRng` (RSA's padding, salts
    /// and prime search).
    #[cfg(feature = "rsa")]
    pub(crate) fn chacha(&mut self) -> &mut ChaCha20Rng {
        &mut self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_bytes_and_different_seeds_differ() {
        let a: [u8; 32] = LabRng::from_seed(7).bytes();
        let b: [u8; 32] = LabRng::from_seed(7).bytes();
        let c: [u8; 32] = LabRng::from_seed(8).bytes();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
