//! Reading a native answer's text once: where its top-level members are, and the members of
//! its `response` object, found in the same pass that checks the text is one JSON object.
//!
//! Fansly wraps every answer as `{"success": …, "response": …}`, and what routes read of it
//! lies in `response` (a member of it, the length of a list in it, or a cursor written into
//! it). Locating `response`'s members in the first pass saves reading the largest part of the
//! answer a second time (issue 16: a second pass was 14 % of a proxied `/me`'s instructions).

use std::borrow::Cow;
use std::ops::Range;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

/// The members of a JSON object: key and where its value's text is.
pub(super) type Members = Vec<(Key, Range<usize>)>;

/// A member's key: where it is in the text (no escapes in it), else its unescaped copy.
#[derive(Clone, Debug)]
pub(super) enum Key {
    At(Range<usize>),
    Owned(Box<str>),
}

impl Key {
    pub(super) fn is(&self, text: &str, key: &str) -> bool {
        match self {
            Key::At(r) => &text[r.clone()] == key,
            Key::Owned(k) => &**k == key,
        }
    }
}

/// What the first pass found: the top-level members, and `response`'s.
pub(super) struct Index {
    pub top: Members,
    /// `Some(Some(_))`: `response` is an object, so indexed; `Some(None)`: there is no
    /// `response` object; `None`: not known yet (its key was written with escapes), to be
    /// read from its text on first use.
    pub response: Option<Option<Response>>,
}

/// The members of the `response` object, and the members of those that are objects
/// themselves (`response.account.id` is found without reading `account` again).
#[derive(Clone, Debug, Default)]
pub(super) struct Response {
    pub members: Members,
    /// Parallel to `members`: the member's own members when it is an object read in the
    /// first pass (`None`: not an object, or its key was written with escapes).
    pub inner: Vec<Option<Members>>,
}

/// Reads the whole of `text`, which must be one JSON object (and nothing after it), and
/// locates its members, `response`'s, and those of `response`'s objects.
pub(super) fn read(text: &str) -> Result<Index, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let found = de.deserialize_map(TopVisitor)?;
    de.end()?;
    let at = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    let raw_span = |v: &RawValue| at(v.get())..at(v.get()) + v.get().len();
    let mut top = Members::with_capacity(found.len());
    let mut response = Some(None);
    for (k, value) in found {
        let key = key_at(k, &at);
        let span = match (value, &key) {
            (Shape::Raw(v), _) => {
                if key.is(text, "response") {
                    // The key was written with escapes: read `response` again when needed.
                    response = None;
                }
                raw_span(v)
            }
            (Shape::Object(members), Key::At(k)) => {
                let mut r = Response::default();
                for (k, member) in members {
                    let key = key_at(k, &at);
                    let (span, inner) = match (member, &key) {
                        (Unlocated::Raw(v), _) => (raw_span(v), None),
                        (Unlocated::Shape(Shape::Object(ms)), Key::At(k)) => {
                            let last_end = ms.last().map(|(_, v)| raw_span(v).end);
                            let inner: Members = ms
                                .into_iter()
                                .map(|(k, v)| (key_at(k, &at), raw_span(v)))
                                .collect();
                            (object_span(text, k.end, last_end, b'}'), Some(inner))
                        }
                        (Unlocated::Shape(shape), Key::At(k)) => {
                            (shape_span(text, k.end, shape)?, None)
                        }
                        (Unlocated::Shape(_), Key::Owned(_)) => {
                            unreachable!("only unescaped keys are read by shape")
                        }
                    };
                    r.members.push((key, span));
                    r.inner.push(inner);
                }
                let last_end = r.members.last().map(|(_, v)| v.end);
                response = Some(Some(r));
                object_span(text, k.end, last_end, b'}')
            }
            (shape, Key::At(k)) => {
                response = Some(None);
                shape_span(text, k.end, shape)?
            }
            (_, Key::Owned(_)) => unreachable!("only unescaped keys are read by shape"),
        };
        top.push((key, span));
    }
    Ok(Index { top, response })
}

/// A member of `response` as read: located directly, or by its shape.
enum Unlocated<'de> {
    Raw(&'de RawValue),
    Shape(Shape<'de, &'de RawValue>),
}

/// Where the value of the member whose key ends at `key_end` is, from its shape.
fn shape_span<T>(
    text: &str,
    key_end: usize,
    shape: Shape<'_, T>,
) -> Result<Range<usize>, serde_json::Error> {
    let at = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    Ok(match shape {
        Shape::Raw(v) => at(v.get())..at(v.get()) + v.get().len(),
        Shape::Object(_) => unreachable!("objects are located by their members"),
        Shape::Array(last) => object_span(
            text,
            key_end,
            last.map(|v| at(v.get()) + v.get().len()),
            b']',
        ),
        // Quoted, without escapes: the text between the quotes.
        Shape::Str(s) => at(s) - 1..at(s) + s.len() + 1,
        Shape::Scalar => {
            // A number, `true`, `false`, `null` or a string with escapes: read it again.
            let start = value_start(text, key_end);
            let mut de = serde_json::Deserializer::from_str(&text[start..]);
            let v = <&RawValue>::deserialize(&mut de)?;
            start..start + v.get().len()
        }
    })
}

/// The span of the object or array whose key ends at `key_end`, from where its last member
/// or item ends (`None`: it is empty).
fn object_span(text: &str, key_end: usize, last_end: Option<usize>, close: u8) -> Range<usize> {
    let start = value_start(text, key_end);
    start..after(text, last_end.unwrap_or(start + 1), close)
}

/// The members of the JSON object at `span` of `text`, read in one pass that checks the
/// whole span is that object (and nothing after it).
pub(super) fn members_of(text: &str, span: Range<usize>) -> Result<Members, serde_json::Error> {
    let part = &text[span.clone()];
    let mut de = serde_json::Deserializer::from_str(part);
    let found = de.deserialize_map(MembersVisitor)?;
    de.end()?;
    let base = part.as_ptr() as usize;
    // Borrowed text lies in `part`: its offset in `text`.
    let at = |s: &str| span.start + (s.as_ptr() as usize - base);
    Ok(found
        .into_iter()
        .map(|(k, v)| (key_at(k, &at), at(v.get())..at(v.get()) + v.get().len()))
        .collect())
}

/// The last occurrence of `key` (a parsed object keeps the last too).
pub(super) fn last<'m>(text: &str, members: &'m Members, key: &str) -> Option<&'m Range<usize>> {
    members
        .iter()
        .rev()
        .find(|(k, _)| k.is(text, key))
        .map(|(_, s)| s)
}

fn key_at(k: Cow<'_, str>, at: &impl Fn(&str) -> usize) -> Key {
    match k {
        Cow::Borrowed(k) => Key::At(at(k)..at(k) + k.len()),
        Cow::Owned(k) => Key::Owned(k.into()),
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Where the value of the member whose key text ends at `key_end` starts: past the closing
/// quote, spaces, the colon and spaces (the text was checked to be JSON).
fn value_start(text: &str, key_end: usize) -> usize {
    let b = text.as_bytes();
    let mut i = key_end + 1; // the key's closing quote
    while is_space(b[i]) {
        i += 1;
    }
    debug_assert_eq!(b[i], b':');
    i += 1;
    while is_space(b[i]) {
        i += 1;
    }
    i
}

/// Just past the `close` that follows `from` after spaces (the text was checked to be JSON).
fn after(text: &str, from: usize, close: u8) -> usize {
    let b = text.as_bytes();
    let mut i = from;
    while is_space(b[i]) {
        i += 1;
    }
    debug_assert_eq!(b[i], close);
    i + 1
}

/// A value as the first pass read it: objects, arrays and strings are located from what was
/// read inside them; other values are read again from where they start (they are short).
enum Shape<'de, T> {
    /// Located directly (a member whose key was written with escapes, or any top-level
    /// member but `response`).
    Raw(&'de RawValue),
    /// An object: its members.
    Object(Read<'de, T>),
    /// An array: its last item, if any.
    Array(Option<&'de RawValue>),
    /// A string without escapes: its text between the quotes.
    Str(&'de str),
    /// Anything else.
    Scalar,
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Vec<(Cow<'de, str>, Shape<'de, Unlocated<'de>>)>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(KeyText(k)) = map.next_key::<KeyText<'de>>()? {
            let value = match k {
                Cow::Borrowed("response") => map.next_value_seed(ShapeSeed(ResponseMembers))?,
                _ => Shape::Raw(map.next_value::<&'de RawValue>()?),
            };
            out.push((k, value));
        }
        Ok(out)
    }
}

/// An object's members as read: key and value.
type Read<'de, T> = Vec<(Cow<'de, str>, T)>;

/// How an object's members are read when a [`ShapeSeed`] meets one.
trait ReadMembers<'de>: Copy {
    type Member;
    fn visit<A: MapAccess<'de>>(self, map: A) -> Result<Read<'de, Self::Member>, A::Error>;
}

/// `response`'s members: objects with their members (located once the text is at hand).
#[derive(Clone, Copy)]
struct ResponseMembers;

impl<'de> ReadMembers<'de> for ResponseMembers {
    type Member = Unlocated<'de>;
    fn visit<A: MapAccess<'de>>(self, mut map: A) -> Result<Read<'de, Unlocated<'de>>, A::Error> {
        let mut out = Vec::new();
        while let Some(KeyText(k)) = map.next_key::<KeyText<'de>>()? {
            let located = match &k {
                Cow::Borrowed(_) => Unlocated::Shape(map.next_value_seed(ShapeSeed(RawMembers))?),
                Cow::Owned(_) => Unlocated::Raw(map.next_value::<&'de RawValue>()?),
            };
            out.push((k, located));
        }
        Ok(out)
    }
}

/// Members located directly.
#[derive(Clone, Copy)]
struct RawMembers;

impl<'de> ReadMembers<'de> for RawMembers {
    type Member = &'de RawValue;
    fn visit<A: MapAccess<'de>>(self, map: A) -> Result<Read<'de, &'de RawValue>, A::Error> {
        MembersVisitor.visit_map(map)
    }
}

struct ShapeSeed<R>(R);

impl<'de, R: ReadMembers<'de>> DeserializeSeed<'de> for ShapeSeed<R> {
    type Value = Shape<'de, R::Member>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(ShapeVisitor(self.0))
    }
}

struct ShapeVisitor<R>(R);

impl<'de, R: ReadMembers<'de>> Visitor<'de> for ShapeVisitor<R> {
    type Value = Shape<'de, R::Member>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit(map).map(Shape::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut last = None;
        while let Some(v) = seq.next_element::<&'de RawValue>()? {
            last = Some(v);
        }
        Ok(Shape::Array(last))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Shape::Str(s))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Shape::Scalar)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Vec<(Cow<'de, str>, &'de RawValue)>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(KeyText(k)) = map.next_key::<KeyText<'de>>()? {
            out.push((k, map.next_value::<&'de RawValue>()?));
        }
        Ok(out)
    }
}

/// A key borrowed from the text when it has no escapes (serde's own `Cow<str>` always copies).
struct KeyText<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(V)
    }
}

/// The length of a JSON array, 0 for any other JSON.
pub(super) struct Items(pub usize);

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = usize;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<usize, A::Error> {
                let mut n = 0;
                while s.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(n)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<usize, A::Error> {
                while m
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(0)
            }
            fn visit_bool<E>(self, _: bool) -> Result<usize, E> {
                Ok(0)
            }
            fn visit_i64<E>(self, _: i64) -> Result<usize, E> {
                Ok(0)
            }
            fn visit_u64<E>(self, _: u64) -> Result<usize, E> {
                Ok(0)
            }
            fn visit_f64<E>(self, _: f64) -> Result<usize, E> {
                Ok(0)
            }
            fn visit_str<E>(self, _: &str) -> Result<usize, E> {
                Ok(0)
            }
            fn visit_unit<E>(self) -> Result<usize, E> {
                Ok(0)
            }
        }
        d.deserialize_any(V).map(Items)
    }
}
