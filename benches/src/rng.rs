//! A tiny deterministic generator (SplitMix64), so every run decodes the same bytes.

/// SplitMix64: fast, seedable, and good enough to vary generated payloads.
///
/// ```
/// let mut a = tencent_action_benches::rng::Rng::new(7);
/// let mut b = tencent_action_benches::rng::Rng::new(7);
/// assert_eq!(a.next_u64(), b.next_u64());
/// ```
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(1);
    /// assert!(r.below(10) < 10);
    /// ```
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(1);
    /// assert_ne!(r.next_u64(), r.next_u64());
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is `0`).
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// assert!((0..100).all(|_| r.below(6) < 6));
    /// ```
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// One element of `items`, chosen at random.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// assert!(["a", "b"].contains(&r.pick(&["a", "b"])));
    /// ```
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// `true` with probability `percent`/100.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// assert!(r.chance(100));
    /// assert!(!r.chance(0));
    /// ```
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// `len` lower-case hex digits.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// let h = r.hex(8);
    /// assert_eq!(h.len(), 8);
    /// assert!(h.bytes().all(|b| b.is_ascii_hexdigit()));
    /// ```
    pub fn hex(&mut self, len: usize) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        (0..len)
            .map(|_| DIGITS[self.below(16) as usize] as char)
            .collect()
    }

    /// `len` lower-case letters and digits, like the suffix of a Tencent resource id.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// assert_eq!(r.alnum(8).len(), 8);
    /// ```
    pub fn alnum(&mut self, len: usize) -> String {
        const CHARS: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..len)
            .map(|_| CHARS[self.below(36) as usize] as char)
            .collect()
    }

    /// A RequestId: a random UUID in its usual text form.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// assert_eq!(r.uuid().len(), 36);
    /// ```
    pub fn uuid(&mut self) -> String {
        format!(
            "{}-{}-{}-{}-{}",
            self.hex(8),
            self.hex(4),
            self.hex(4),
            self.hex(4),
            self.hex(12)
        )
    }

    /// A private IPv4 address in `10.0.0.0/8`.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// assert!(r.private_ip().starts_with("10."));
    /// ```
    pub fn private_ip(&mut self) -> String {
        format!(
            "10.{}.{}.{}",
            self.below(256),
            self.below(256),
            1 + self.below(254)
        )
    }

    /// A public IPv4 address.
    ///
    /// ```
    /// let mut r = tencent_action_benches::rng::Rng::new(3);
    /// assert_eq!(r.public_ip().split('.').count(), 4);
    /// ```
    pub fn public_ip(&mut self) -> String {
        format!(
            "{}.{}.{}.{}",
            self.pick(&[42, 49, 81, 106, 111, 119, 129, 150, 175, 203]),
            self.below(256),
            self.below(256),
            1 + self.below(254)
        )
    }
}
