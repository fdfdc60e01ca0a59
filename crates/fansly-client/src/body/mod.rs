//! [`NativeBody`]: a native JSON answer kept as the text Fansly sent, parsed only when read.
//!
//! Most proxied routes wrap Fansly's answer in the ApiFansly envelope unchanged. Parsing it
//! into a [`Value`] and serialising it again only to wrap it was the largest single cost of a
//! proxied read after the layers (issue 16): every string and object of the answer allocated
//! twice, and a 140 KB chat page was read seven times. A `NativeBody` is read once when it
//! arrives ([`NativeBody::from_json`]: checked to be one JSON object, its top-level members
//! located); what routes need of it comes from that index ([`NativeBody::member`],
//! [`NativeBody::count_items`], [`NativeBody::set_members`]) without building a tree, and the
//! envelope writes the text as it is ([`NativeBody::raw`]). Reading it as a [`Value`]
//! ([`Deref`]) parses it once, on first use; changing it ([`DerefMut`]) makes the parsed value
//! the answer from then on.
//!
//! Two answers that are the same JSON compare equal whatever their bytes (key order, spaces).
//! Passed through unread, the text keeps Fansly's key order and number spelling (a parse and
//! re-serialisation sorts keys and may respell numbers); both are the same JSON. A key that
//! appears twice in an object stays twice in the text (a parser keeps the last, which is
//! also what every read here returns).

use std::borrow::Cow;
use std::ops::{Deref, DerefMut, Range};
use std::sync::OnceLock;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

/// The members of a JSON object: key and where its value's text is.
type Members = Vec<(Key, Range<usize>)>;

/// A member's key: where it is in the text (no escapes in it), else its unescaped copy.
#[derive(Clone, Debug)]
enum Key {
    At(Range<usize>),
    Owned(Box<str>),
}

impl Key {
    fn is(&self, text: &str, key: &str) -> bool {
        match self {
            Key::At(r) => &text[r.clone()] == key,
            Key::Owned(k) => &**k == key,
        }
    }
}

/// A native JSON body: the text as received until read or changed. See the module comment.
#[derive(Clone)]
pub struct NativeBody {
    /// What Fansly sent (one JSON object), or text made from it by
    /// [`NativeBody::set_members`]; `None` once the body was changed through [`DerefMut`] (or
    /// built from a [`Value`]): the parsed value is the answer then.
    text: Option<String>,
    /// The top-level members of `text`, found when it was read.
    top: OnceLock<Members>,
    /// The members of `text`'s `response` object (`None`: no object there), found on first use.
    response: OnceLock<Option<Members>>,
    parsed: OnceLock<Value>,
}

impl NativeBody {
    /// The bytes as received, read once: they must be one JSON object (anything else is
    /// `Err`; a caller that accepts other JSON parses it as a [`Value`]).
    pub fn from_json(bytes: Vec<u8>) -> Result<Self, serde_json::Error> {
        let text = String::from_utf8(bytes).map_err(|e| {
            <serde_json::Error as serde::de::Error>::custom(format!("not UTF-8: {e}"))
        })?;
        let top = members_of(&text, 0..text.len())?;
        Ok(Self::text(text, OnceLock::from(top)))
    }

    fn text(text: String, top: OnceLock<Members>) -> Self {
        Self {
            text: Some(text),
            top,
            response: OnceLock::new(),
            parsed: OnceLock::new(),
        }
    }

    /// The JSON text the body is written as while it is unchanged (`None` once it was
    /// changed through [`DerefMut`]).
    pub fn raw(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The parsed value, taken out (parsed now when it never was).
    pub fn into_value(self) -> Value {
        match (self.parsed.into_inner(), self.text) {
            (Some(v), _) => v,
            (None, Some(text)) => parse(&text),
            (None, None) => Value::Null,
        }
    }

    fn top(&self, text: &str) -> &Members {
        // Text made by `set_members` is indexed again on first use.
        self.top
            .get_or_init(|| members_of(text, 0..text.len()).unwrap_or_default())
    }

    fn response_members(&self, text: &str) -> Option<&Members> {
        self.response
            .get_or_init(|| {
                let span = last(text, self.top(text), "response")?;
                members_of(text, span.clone()).ok()
            })
            .as_ref()
    }

    /// The JSON text of `key` at the top level (`["key"]`) or in the `response` object
    /// (`["response", "key"]`); `None` when absent. A changed body answers from its value
    /// (the text is then owned).
    pub fn member(&self, path: &[&str]) -> Option<Cow<'_, str>> {
        let Some(text) = self.text.as_deref() else {
            let mut v = self.deref();
            for k in path {
                v = v.get(k)?;
            }
            return Some(Cow::Owned(v.to_string()));
        };
        let span = match path {
            [key] => last(text, self.top(text), key)?,
            ["response", key] => last(text, self.response_members(text)?, key)?,
            _ => {
                let mut v = self.deref();
                for k in path {
                    v = v.get(k)?;
                }
                return Some(Cow::Owned(v.to_string()));
            }
        };
        Some(Cow::Borrowed(&text[span.clone()]))
    }

    /// How many items the array `response[key]` holds (0 when it is absent or no array), as
    /// `body["response"][key].as_array().len()` would say, reading only that member's text.
    pub fn count_items(&self, key: &str) -> usize {
        let Some(text) = self.text.as_deref() else {
            return self["response"]
                .get(key)
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
        };
        let Some(span) = self.response_members(text).and_then(|m| last(text, m, key)) else {
            return 0;
        };
        let mut de = serde_json::Deserializer::from_str(&text[span.clone()]);
        Items::deserialize(&mut de).map_or(0, |n| n.0)
    }

    /// Sets `response[k] = v` for each of `in_response` (when `response` is an object) and
    /// `body[k] = v` for each of `at_top`, as the same insertions into the parsed value would:
    /// written into the text when none of those keys is there yet (new members go last),
    /// else into the parsed value.
    pub fn set_members(&mut self, in_response: &[(&str, &Value)], at_top: &[(&str, &Value)]) {
        if let Some(text) = self.text.as_deref()
            && let Some(spliced) = self.splice(text, in_response, at_top)
        {
            *self = Self::text(spliced, OnceLock::new());
            return;
        }
        if let Some(Value::Object(response)) = self.get_mut("response") {
            for (k, v) in in_response {
                response.insert((*k).to_owned(), (*v).clone());
            }
        }
        if let Value::Object(body) = &mut **self {
            for (k, v) in at_top {
                body.insert((*k).to_owned(), (*v).clone());
            }
        }
    }

    fn splice(
        &self,
        text: &str,
        in_response: &[(&str, &Value)],
        at_top: &[(&str, &Value)],
    ) -> Option<String> {
        let top = self.top(text);
        let response = match self.response_members(text) {
            Some(m) => Some((last(text, top, "response")?.clone(), m)),
            None if in_response.is_empty() => None,
            // `response` is no object: nothing goes there, the rest goes to the top.
            None => return self.splice(text, &[], at_top),
        };
        let has = |m: &Members, k: &str| m.iter().any(|(key, _)| key.is(text, k));
        if at_top.iter().any(|(k, _)| has(top, k))
            || response
                .as_ref()
                .is_some_and(|(_, m)| in_response.iter().any(|(k, _)| has(m, k)))
        {
            return None;
        }
        let write = |out: &mut String, first: bool, members: &[(&str, &Value)]| -> Option<()> {
            for (i, (k, v)) in members.iter().enumerate() {
                if !(first && i == 0) {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).ok()?);
                out.push(':');
                out.push_str(&serde_json::to_string(v).ok()?);
            }
            Some(())
        };
        let close = text.rfind('}')?;
        let mut out = String::with_capacity(text.len() + 64 * (in_response.len() + at_top.len()));
        let mut from = 0;
        if let Some((span, members)) = &response {
            let r_close = span.end - 1; // the `}` of `response`
            out.push_str(&text[..r_close]);
            write(&mut out, members.is_empty(), in_response)?;
            from = r_close;
        }
        out.push_str(&text[from..close]);
        write(&mut out, top.is_empty(), at_top)?;
        out.push_str(&text[close..]);
        Some(out)
    }
}

/// The last occurrence of `key` (a parsed object keeps the last too).
fn last<'m>(text: &str, members: &'m Members, key: &str) -> Option<&'m Range<usize>> {
    members
        .iter()
        .rev()
        .find(|(k, _)| k.is(text, key))
        .map(|(_, s)| s)
}

/// The members of the JSON object at `span` of `text`, read in one pass that checks the
/// whole span is that object (and nothing after it).
fn members_of(text: &str, span: Range<usize>) -> Result<Members, serde_json::Error> {
    let part = &text[span.clone()];
    let mut de = serde_json::Deserializer::from_str(part);
    let found = de.deserialize_map(MembersVisitor)?;
    de.end()?;
    let base = part.as_ptr() as usize;
    // Borrowed text lies in `part`: its offset there.
    let at = |s: &str| span.start + (s.as_ptr() as usize - base);
    Ok(found
        .into_iter()
        .map(|(k, v)| {
            let key = match k {
                Cow::Borrowed(k) => Key::At(at(k)..at(k) + k.len()),
                Cow::Owned(k) => Key::Owned(k.into()),
            };
            (key, at(v.get())..at(v.get()) + v.get().len())
        })
        .collect())
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
struct Items(usize);

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = usize;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<usize, A::Error> {
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

fn parse(text: &str) -> Value {
    // The text was checked to be JSON when it was received; `Null` cannot happen in practice.
    serde_json::from_str(text).unwrap_or(Value::Null)
}

impl Deref for NativeBody {
    type Target = Value;

    fn deref(&self) -> &Value {
        self.parsed
            .get_or_init(|| self.text.as_deref().map_or(Value::Null, parse))
    }
}

impl DerefMut for NativeBody {
    fn deref_mut(&mut self) -> &mut Value {
        if self.parsed.get().is_none() {
            let v = self.text.as_deref().map_or(Value::Null, parse);
            let _ = self.parsed.set(v);
        }
        // Changed from here on: the value is the answer.
        self.text = None;
        self.top = OnceLock::new();
        self.response = OnceLock::new();
        self.parsed.get_mut().expect("set above")
    }
}

impl From<Value> for NativeBody {
    fn from(v: Value) -> Self {
        Self {
            text: None,
            top: OnceLock::new(),
            response: OnceLock::new(),
            parsed: OnceLock::from(v),
        }
    }
}

impl From<NativeBody> for Value {
    fn from(b: NativeBody) -> Self {
        b.into_value()
    }
}

impl PartialEq for NativeBody {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl PartialEq<Value> for NativeBody {
    fn eq(&self, other: &Value) -> bool {
        **self == *other
    }
}

impl std::fmt::Debug for NativeBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl Serialize for NativeBody {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The envelope writes `raw()` itself; this is for other containers.
        match self.text.as_deref().map(serde_json::from_str::<&RawValue>) {
            Some(Ok(raw)) => raw.serialize(s),
            _ => self.deref().serialize(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const SENT: &str =
        r#"{"success":true,"response":{"z":1.50,"a":"x\u00e9","data":[1,{"b":[2]}]}}"#;

    fn body(text: &str) -> NativeBody {
        NativeBody::from_json(text.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn unread_bodies_serialise_as_the_bytes_received() {
        let b = body(SENT);
        assert_eq!(b.raw(), Some(SENT));
        assert_eq!(serde_json::to_string(&b).unwrap(), SENT);
        #[derive(Serialize)]
        struct Env<'a> {
            data: &'a NativeBody,
        }
        assert_eq!(
            serde_json::to_string(&Env { data: &b }).unwrap(),
            format!(r#"{{"data":{SENT}}}"#)
        );
    }

    #[test]
    fn reading_parses_once_and_keeps_the_bytes() {
        let b = body(SENT);
        assert_eq!(b["response"]["a"], "xé");
        assert_eq!(b.raw(), Some(SENT));
    }

    #[test]
    fn members_come_from_the_index() {
        let b = body(SENT);
        assert_eq!(b.member(&["success"]).as_deref(), Some("true"));
        assert_eq!(b.member(&["response", "z"]).as_deref(), Some("1.50"));
        assert_eq!(b.member(&["response", "nope"]), None);
        assert_eq!(b.member(&["nope", "z"]), None);
        assert_eq!(b.count_items("data"), 2);
        assert_eq!(b.count_items("a"), 0);
        // The last of a repeated key, as a parser keeps it.
        let twice = body(r#"{"response":{"data":[1],"data":[1,2,3]},"success":true}"#);
        assert_eq!(twice.count_items("data"), 3);
        // Escaped keys are read unescaped, as a parser reads them.
        let escaped = body(r#"{"succ\u0065ss":true,"resp\u006fnse":{"d\u0061ta":[1,2]}}"#);
        assert_eq!(escaped.count_items("data"), 2);
        assert_eq!(escaped.member(&["success"]).as_deref(), Some("true"));
        // A changed body answers from its value.
        let mut changed = body(SENT);
        changed["response"]["data"] = json!([]);
        assert_eq!(changed.count_items("data"), 0);
        assert_eq!(changed.member(&["response", "z"]).as_deref(), Some("1.5"));
    }

    #[test]
    fn changing_makes_the_value_the_answer() {
        let mut b = body(SENT);
        b["response"]["n"] = json!(2);
        assert_eq!(b.raw(), None);
        let out: Value = serde_json::from_str(&serde_json::to_string(&b).unwrap()).unwrap();
        assert_eq!(out["response"]["n"], 2);
        assert_eq!(out["response"]["z"], 1.5);
    }

    fn by_value(mut v: Value, in_response: &[(&str, &Value)], at_top: &[(&str, &Value)]) -> Value {
        if let Some(Value::Object(r)) = v.get_mut("response") {
            for (k, x) in in_response {
                r.insert((*k).to_owned(), (*x).clone());
            }
        }
        if let Value::Object(t) = &mut v {
            for (k, x) in at_top {
                t.insert((*k).to_owned(), (*x).clone());
            }
        }
        v
    }

    #[test]
    fn members_are_set_in_the_text_as_insertion_would_set_them() {
        let c = json!("25");
        let n = Value::Null;
        for text in [
            SENT,
            r#"{"success":true,"response":{}}"#,
            "{ \"response\" : { \"x\" : \"}\" } , \"success\" : true }\n",
            r#"{"success":true,"response":[1]}"#,
            r#"{"success":true}"#,
            r#"{"success":true,"response":{"cursor":"0"}}"#,
            r#"{"success":true,"nextCursor":1,"response":{}}"#,
        ] {
            for cursor in [&c, &n] {
                let ins: [(&str, &Value); 2] = [("cursor", cursor), ("nextCursor", cursor)];
                let top: [(&str, &Value); 1] = [("nextCursor", cursor)];
                let mut b = body(text);
                b.set_members(&ins, &top);
                let want = by_value(serde_json::from_str(text).unwrap(), &ins, &top);
                assert_eq!(*b, want, "{text}");
                // What is written is that JSON.
                let written: Value = match b.raw() {
                    Some(raw) => serde_json::from_str(raw).unwrap(),
                    None => serde_json::to_value(&b).unwrap(),
                };
                assert_eq!(written, want, "{text}");
            }
        }
        // Written into the text, Fansly's bytes kept around the new members.
        let mut b = body(r#"{"success":true,"response":{"z":1.50,"a":[]}}"#);
        b.set_members(&[("cursor", &c)], &[("nextCursor", &c)]);
        assert_eq!(
            b.raw(),
            Some(
                r#"{"success":true,"response":{"z":1.50,"a":[],"cursor":"25"},"nextCursor":"25"}"#
            )
        );
        // … and indexed again when read.
        assert_eq!(b.member(&["response", "cursor"]).as_deref(), Some("\"25\""));
    }

    #[test]
    fn equality_is_json_equality() {
        let a = body(r#"{"a":1,"b":[true]}"#);
        let b = body(r#"{ "b": [true], "a": 1 }"#);
        assert_eq!(a, b);
        assert_eq!(a, json!({"a": 1, "b": [true]}));
        assert_eq!(NativeBody::from(json!([1])), json!([1]));
    }

    #[test]
    fn only_one_json_object_is_taken() {
        for bad in [
            &b"{\"a\":"[..],
            b"1",
            b"[{}]",
            b"{} {}",
            b"\xff{}",
            b"{\"a\":1}x",
        ] {
            assert!(NativeBody::from_json(bad.to_vec()).is_err(), "{bad:?}");
        }
        assert!(NativeBody::from_json(b" {\"a\":1}\n".to_vec()).is_ok());
    }
}
