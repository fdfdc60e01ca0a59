//! A strict JSON scanner over text, by offsets: the first pass over a native answer
//! ([`super::index`]).
//!
//! It is ours rather than serde_json's deserializer (docs/ARCHITECTURE.md,
//! "Native answers are passed on as text"): that was the largest part of a proxied read's
//! work, ~11 instructions a byte through serde's visitors, and the scan needs only offsets. It
//! accepts exactly RFC 8259 JSON, as serde_json does (raw control characters in strings
//! refused, escapes checked, nesting limited to 127 levels, text already UTF-8); numbers are
//! checked for their syntax, not their range, and `\u` escapes for four hex digits, not for
//! pairing surrogates — as serde_json does for values it skips. Strings are searched sixteen
//! bytes at a time with SSE2 on x86-64 (inline; `memchr`'s SIMD search cost more per call
//! than most of Fansly's strings are long), elsewhere eight at a time (serde_json's method).
//! Keys with escapes are unescaped by serde_json, and the reason given for text that is not
//! JSON is serde_json's (with line and column).

use super::index::{Key, Members};

/// The high bit of each byte of `x` (eight bytes of text, the first lowest) that is `"`, `\\`
/// or below 0x20, and possibly of bytes after such a one: the lowest set bit is exact.
fn special(x: u64) -> u64 {
    const ONES: u64 = u64::MAX / 255;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below_space | quote | backslash) & (ONES << 7)
}

/// From `i`, the offset of the first `"`, `\\` or control character of `b` (or its length):
/// sixteen bytes at a time where SSE2 is (every x86-64 CPU), then eight at a time, then one by
/// one for the text's last bytes. Inline, not a call into a search function: most of Fansly's
/// strings are shorter than such a call's set-up (`memchr`'s, measured in the sixth round).
#[inline(always)]
fn to_special(b: &[u8], mut i: usize) -> usize {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    while let Some(chunk) = b.get(i..i + 16) {
        let found = special16(chunk.try_into().unwrap_or(&[0; 16]));
        if found != 0 {
            return i + found.trailing_zeros() as usize;
        }
        i += 16;
    }
    while let Some(chunk) = b.get(i..i + 8) {
        let found = special(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        if found != 0 {
            return i + found.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while b
        .get(i)
        .is_some_and(|&c| c != b'"' && c != b'\\' && c >= 0x20)
    {
        i += 1;
    }
    i
}

/// A bit for each of the sixteen bytes (the first lowest) that is `"`, `\\` or below 0x20.
/// `safe_arch`'s SSE2 functions are safe to call: SSE2 is part of every x86-64 target, so it
/// is on at compile time (this function's `cfg`), and the workspace keeps `unsafe_code` forbidden.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn special16(chunk: &[u8; 16]) -> u32 {
    use safe_arch::{
        cmp_eq_mask_i8_m128i, load_unaligned_m128i, min_u8_m128i, move_mask_i8_m128i,
        set_splat_i8_m128i,
    };
    let x = load_unaligned_m128i(chunk);
    let quote = cmp_eq_mask_i8_m128i(x, set_splat_i8_m128i(b'"' as i8));
    let backslash = cmp_eq_mask_i8_m128i(x, set_splat_i8_m128i(b'\\' as i8));
    // Unsigned `x <= 0x1f`: SSE2 compares only signed bytes, so through the minimum.
    let control = cmp_eq_mask_i8_m128i(min_u8_m128i(x, set_splat_i8_m128i(0x1f)), x);
    move_mask_i8_m128i(quote | backslash | control) as u32
}

/// Most containers open at once (serde_json's limit).
pub(super) const MAX_DEPTH: usize = 127;

/// The text is not (the expected) JSON; `index::why` says where.
pub(super) struct NotJson;

pub(super) type Scan<T = ()> = Result<T, NotJson>;

/// A strict JSON reader over text, by offsets.
pub(super) struct Scanner<'t> {
    text: &'t str,
    b: &'t [u8],
    i: usize,
}

impl<'t> Scanner<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text,
            b: text.as_bytes(),
            i: 0,
        }
    }

    /// `read` at the first non-space byte, then nothing but spaces to the end.
    pub(super) fn document(&mut self, read: impl FnOnce(&mut Self) -> Scan) -> Scan {
        self.spaces();
        read(self)?;
        self.spaces();
        if self.i == self.b.len() {
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    pub(super) fn at(&self, c: u8) -> bool {
        self.peek() == Some(c)
    }

    fn spaces(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    /// Past `c`, or not JSON.
    fn eat(&mut self, c: u8) -> Scan {
        if self.at(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    /// At `{`: through the object's members, each one's value read by `value` (at the value,
    /// given the key and the containers open around the value), appended to `members`.
    pub(super) fn object(
        &mut self,
        depth: usize,
        members: &mut Members,
        mut value: impl FnMut(&mut Self, &Key, usize) -> Scan,
    ) -> Scan {
        self.items(depth, b'{', b'}', |s, depth| {
            let key = s.key()?;
            s.spaces();
            s.eat(b':')?;
            s.spaces();
            let start = s.i;
            value(s, &key, depth)?;
            members.push((key, start..s.i));
            Ok(())
        })
    }

    /// At `[`: through the array; how many items it holds.
    pub(super) fn array(&mut self, depth: usize) -> Scan<usize> {
        let mut n = 0;
        self.items(depth, b'[', b']', |s, depth| {
            s.value(depth)?;
            n += 1;
            Ok(())
        })?;
        Ok(n)
    }

    /// At `open`: through the container to its `close`, each member or item read by `each`
    /// (at its start, given the containers open around it), commas between them.
    fn items(
        &mut self,
        depth: usize,
        open: u8,
        close: u8,
        mut each: impl FnMut(&mut Self, usize) -> Scan,
    ) -> Scan {
        if depth >= MAX_DEPTH {
            return Err(NotJson);
        }
        self.eat(open)?;
        self.spaces();
        if self.at(close) {
            self.i += 1;
            return Ok(());
        }
        loop {
            each(self, depth + 1)?;
            self.spaces();
            match self.peek() {
                Some(b',') => {
                    self.i += 1;
                    self.spaces();
                }
                Some(c) if c == close => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(NotJson),
            }
        }
    }

    fn key(&mut self) -> Scan<Key> {
        if !self.at(b'"') {
            return Err(NotJson);
        }
        let start = self.i;
        if self.string()? {
            let quoted = &self.text[start..self.i];
            let key: String = serde_json::from_str(quoted).map_err(|_| NotJson)?;
            Ok(Key::Owned(key.into()))
        } else {
            Ok(Key::At(start + 1..self.i - 1))
        }
    }

    /// At `"`: past the string; whether it holds escapes.
    fn string(&mut self) -> Scan<bool> {
        let b = self.b;
        let mut i = self.i + 1;
        let mut escaped = false;
        loop {
            i = to_special(b, i);
            match b.get(i) {
                Some(b'"') => {
                    self.i = i + 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {}
                _ => return Err(NotJson),
            }
            escaped = true;
            match b.get(i + 1) {
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                Some(b'u') => {
                    let hex = b.get(i + 2..i + 6).ok_or(NotJson)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return Err(NotJson);
                    }
                    i += 6;
                }
                _ => return Err(NotJson),
            }
        }
    }

    /// Past a run of at least one digit.
    fn digits(&mut self) -> Scan {
        let start = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        if self.i > start { Ok(()) } else { Err(NotJson) }
    }

    fn number(&mut self) -> Scan {
        if self.at(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => self.digits()?,
            _ => return Err(NotJson),
        }
        if self.at(b'.') {
            self.i += 1;
            self.digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            self.digits()?;
        }
        Ok(())
    }

    fn literal(&mut self, word: &[u8]) -> Scan {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            Ok(())
        } else {
            Err(NotJson)
        }
    }

    /// Past one value that is not a container.
    fn scalar(&mut self) -> Scan {
        match self.peek().ok_or(NotJson)? {
            b'"' => self.string().map(drop),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(NotJson),
        }
    }

    /// Past one value of any kind, with `depth` containers open around it. Nested values are
    /// read in a loop, not by recursion: which containers are open is a stack of bits (set
    /// for an object), which `MAX_DEPTH` keeps within a `u128`.
    pub(super) fn value(&mut self, depth: usize) -> Scan {
        let mut open: u128 = 0;
        let mut n = 0;
        loop {
            // A value.
            let opened = match self.peek() {
                Some(c @ (b'{' | b'[')) => {
                    if depth + n >= MAX_DEPTH {
                        return Err(NotJson);
                    }
                    self.i += 1;
                    self.spaces();
                    let object = c == b'{';
                    let close = if object { b'}' } else { b']' };
                    if self.at(close) {
                        self.i += 1;
                        false
                    } else {
                        open = open << 1 | u128::from(object);
                        n += 1;
                        if object {
                            self.member_key()?;
                        }
                        true
                    }
                }
                _ => {
                    self.scalar()?;
                    false
                }
            };
            if opened {
                continue;
            }
            // After a value: the next item or member, or the ends of containers.
            loop {
                if n == 0 {
                    return Ok(());
                }
                self.spaces();
                let object = open & 1 == 1;
                match (self.peek(), object) {
                    (Some(b','), _) => {
                        self.i += 1;
                        self.spaces();
                        if object {
                            self.member_key()?;
                        }
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.i += 1;
                        open >>= 1;
                        n -= 1;
                    }
                    _ => return Err(NotJson),
                }
            }
        }
    }

    /// At a member's key, in an object read by [`Scanner::value`]: past the key and the colon,
    /// at the value. (Such keys are checked as strings, not unescaped: serde_json does the same
    /// for what it skips.)
    fn member_key(&mut self) -> Scan {
        if !self.at(b'"') {
            return Err(NotJson);
        }
        self.string()?;
        self.spaces();
        self.eat(b':')?;
        self.spaces();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::to_special;

    /// Every kind of byte the search stops at, at every offset of texts up to 48 bytes long
    /// (so each of its steps — sixteen, eight and one byte — finds it), from every start,
    /// against a byte-by-byte search; bytes at 0x80 and above (signed negative in SSE2's
    /// compares) must not stop it.
    #[test]
    fn the_search_stops_where_a_byte_by_byte_search_stops() {
        let stops = |c: u8| c == b'"' || c == b'\\' || c < 0x20;
        for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for filler in [b'a', b' ', 0x20, 0x7f, 0x80, 0xc3, 0xff] {
                for len in 0..48 {
                    for at in 0..=len {
                        let mut text = vec![filler; len];
                        if at < len {
                            text[at] = special;
                        }
                        for start in 0..=len {
                            let want = (start..len).find(|&i| stops(text[i])).unwrap_or(len);
                            assert_eq!(
                                to_special(&text, start),
                                want,
                                "{special:#x} at {at} of {len} in {filler:#x}, from {start}"
                            );
                        }
                    }
                }
            }
        }
    }
}
