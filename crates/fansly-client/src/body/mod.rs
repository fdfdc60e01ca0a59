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

use serde::{Serialize, Serializer};
use serde_json::Value;
use serde_json::value::RawValue;

mod index;
mod scan;

use index::{Members, Response, last, members_of};

/// A native JSON body: the text as received until read or changed. See the module comment.
#[derive(Clone)]
pub struct NativeBody {
    /// What Fansly sent (one JSON object), or text made from it by
    /// [`NativeBody::set_members`]; `None` once the body was changed through [`DerefMut`] (or
    /// built from a [`Value`]): the parsed value is the answer then.
    text: Option<String>,
    /// The top-level members of `text`, found when it was read.
    top: OnceLock<Members>,
    /// The members of `text`'s `response` object (`None`: no object there), and theirs,
    /// found when it was read (else on first use).
    response: OnceLock<Option<Response>>,
    parsed: OnceLock<Value>,
}

impl NativeBody {
    /// The bytes as received, read once: they must be one JSON object (anything else is
    /// `Err`; a caller that accepts other JSON parses it as a [`Value`]).
    pub fn from_json(bytes: Vec<u8>) -> Result<Self, serde_json::Error> {
        let text = String::from_utf8(bytes).map_err(|e| {
            <serde_json::Error as serde::de::Error>::custom(format!("not UTF-8: {e}"))
        })?;
        let index = index::read(&text)?;
        Ok(Self {
            text: Some(text),
            top: OnceLock::from(index.top),
            response: OnceLock::from(index.response),
            parsed: OnceLock::new(),
        })
    }

    /// Text made by [`NativeBody::set_members`]: indexed again on first use.
    fn text(text: String) -> Self {
        Self {
            text: Some(text),
            top: OnceLock::new(),
            response: OnceLock::new(),
            parsed: OnceLock::new(),
        }
    }

    /// The JSON text the body is written as while it is unchanged (`None` once it was
    /// changed through [`DerefMut`]).
    pub fn raw(&self) -> Option<&str> {
        self.text.as_deref()
    }

    /// The text, taken out, while the body is still text; else (it was changed as a value)
    /// the value, as [`NativeBody::into_value`] gives it.
    pub fn into_text_or_value(self) -> Result<String, Value> {
        match self.text {
            Some(text) => Ok(text),
            None => Err(self.into_value()),
        }
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

    fn response(&self, text: &str) -> Option<&Response> {
        self.response
            .get_or_init(|| {
                let span = last(text, self.top(text), "response")?;
                members_of(text, span.clone()).ok().map(Response::unread)
            })
            .as_ref()
    }

    fn response_members(&self, text: &str) -> Option<&Members> {
        self.response(text).map(|r| &r.members)
    }

    /// The span of `response[key][inner]` in `text`.
    fn inner_member(&self, text: &str, key: &str, inner: &str) -> Option<Range<usize>> {
        let r = self.response(text)?;
        let i = r.members.iter().rposition(|(k, _)| k.is(text, key))?;
        if let Some(members) = &r.inner[i] {
            return last(text, members, inner).cloned();
        }
        let span = &r.members[i].1;
        if !text[span.clone()].starts_with('{') {
            return None;
        }
        // Not read in the first pass (text made by `set_members`): read it now.
        last(text, &members_of(text, span.clone()).ok()?, inner).cloned()
    }

    /// The JSON text of `key` at the top level (`["key"]`), in the `response` object
    /// (`["response", "key"]`) or in an object there (`["response", "key", "inner"]`);
    /// `None` when absent. A changed body answers from its value
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
            [key] => last(text, self.top(text), key)?.clone(),
            ["response", key] => last(text, self.response_members(text)?, key)?.clone(),
            ["response", key, inner] => self.inner_member(text, key, inner)?,
            _ => {
                let mut v = self.deref();
                for k in path {
                    v = v.get(k)?;
                }
                return Some(Cow::Owned(v.to_string()));
            }
        };
        Some(Cow::Borrowed(&text[span]))
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
        let Some(r) = self.response(text) else {
            return 0;
        };
        let Some(i) = r.members.iter().rposition(|(k, _)| k.is(text, key)) else {
            return 0;
        };
        // Counted in the first pass, else now.
        r.items[i].unwrap_or_else(|| index::count_items(&text[r.members[i].1.clone()]))
    }

    /// Sets `response[k] = v` for each of `in_response` (when `response` is an object) and
    /// `body[k] = v` for each of `at_top`, as the same insertions into the parsed value would:
    /// written into the text when none of those keys is there yet (new members go last),
    /// else into the parsed value.
    pub fn set_members(&mut self, in_response: &[(&str, &Value)], at_top: &[(&str, &Value)]) {
        if let Some(text) = self.text.as_deref()
            && let Some(inserts) = self.insertions(text, in_response, at_top)
            && let Some(mut text) = self.text.take()
        {
            // Into the text in place, the later place first (the earlier stays where it
            // is): each insertion moves only the bytes after it — a page's closing braces —
            // when the text has room (`transport::read` leaves some), not the whole page.
            for (at, members) in inserts.iter().rev() {
                text.insert_str(*at, members);
            }
            *self = Self::text(text);
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

    /// Where `set_members` writes into `text` and what, in the order of the text (`None`: a
    /// key is there already, or `text` is not as indexed).
    fn insertions(
        &self,
        text: &str,
        in_response: &[(&str, &Value)],
        at_top: &[(&str, &Value)],
    ) -> Option<Vec<(usize, String)>> {
        let top = self.top(text);
        let response = match self.response_members(text) {
            Some(m) => Some((last(text, top, "response")?.clone(), m)),
            None if in_response.is_empty() => None,
            // `response` is no object: nothing goes there, the rest goes to the top.
            None => return self.insertions(text, &[], at_top),
        };
        let has = |m: &Members, k: &str| m.iter().any(|(key, _)| key.is(text, k));
        if at_top.iter().any(|(k, _)| has(top, k))
            || response
                .as_ref()
                .is_some_and(|(_, m)| in_response.iter().any(|(k, _)| has(m, k)))
        {
            return None;
        }
        let write = |first: bool, members: &[(&str, &Value)]| -> Option<String> {
            let mut out = String::with_capacity(64 * members.len());
            for (i, (k, v)) in members.iter().enumerate() {
                if !(first && i == 0) {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).ok()?);
                out.push(':');
                out.push_str(&serde_json::to_string(v).ok()?);
            }
            Some(out)
        };
        let close = text.rfind('}')?;
        let mut inserts = Vec::with_capacity(2);
        if let Some((span, members)) = &response {
            // Before the `}` of `response`.
            inserts.push((span.end - 1, write(members.is_empty(), in_response)?));
        }
        inserts.push((close, write(top.is_empty(), at_top)?));
        Some(inserts)
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
mod tests;
