//! Reading a native answer's text once: where its top-level members are, and the members of
//! its `response` object, found in the same pass that checks the text is one JSON object.
//!
//! Fansly wraps every answer as `{"success": …, "response": …}`, and what routes read of it
//! lies in `response` (a member of it, the length of a list in it, or a cursor written into
//! it). Locating `response`'s members in the first pass saves reading the largest part of the
//! answer a second time (issue 16: a second pass was 14 % of a proxied `/me`'s instructions).
//!
//! The pass is [`super::scan`], a strict JSON scanner of our own.

use std::ops::Range;

use super::scan::{NotJson, Scanner};

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
    /// The `response` object's members (`None`: `response` is absent or no object).
    pub response: Option<Response>,
}

/// The members of the `response` object, the members of those that are objects and the
/// length of those that are arrays (`response.account.id` is found, and `response.data`
/// counted, without reading them again).
#[derive(Clone, Debug, Default)]
pub(super) struct Response {
    pub members: Members,
    /// Parallel to `members`: the member's own members when it is an object (`None`: not an
    /// object, or not read in the first pass).
    pub inner: Vec<Option<Members>>,
    /// Parallel to `members`: how many items the member holds when it is an array, 0 for any
    /// other value (`None`: not read in the first pass).
    pub items: Vec<Option<usize>>,
}

impl Response {
    /// `members`, located later: nothing known of what they hold.
    pub(super) fn unread(members: Members) -> Self {
        let n = members.len();
        Self {
            members,
            inner: vec![None; n],
            items: vec![None; n],
        }
    }
}

/// Reads the whole of `text`, which must be one JSON object (and nothing after it), and
/// locates its members, `response`'s, and those of `response`'s objects.
pub(super) fn read(text: &str) -> Result<Index, serde_json::Error> {
    let mut s = Scanner::new(text);
    let mut top = Members::new();
    let mut response = None;
    let read = s.document(|s| {
        s.object(0, &mut top, |s, key, depth| {
            if !key.is(text, "response") {
                return s.value(depth);
            }
            // The last `response` counts, as a parser keeps the last.
            response = None;
            if s.at(b'{') {
                let mut r = Response::default();
                s.object(depth, &mut r.members, |s, _, depth| {
                    let (inner, items) = match s.peek() {
                        Some(b'{') => {
                            let mut inner = Members::new();
                            s.object(depth, &mut inner, |s, _, depth| s.value(depth))?;
                            (Some(inner), Some(0))
                        }
                        Some(b'[') => (None, Some(s.array(depth)?)),
                        _ => {
                            s.value(depth)?;
                            (None, Some(0))
                        }
                    };
                    r.inner.push(inner);
                    r.items.push(items);
                    Ok(())
                })?;
                response = Some(r);
                Ok(())
            } else {
                s.value(depth)
            }
        })
    });
    match read {
        Ok(()) => Ok(Index { top, response }),
        Err(NotJson) => Err(why(text)),
    }
}

/// The members of the JSON object at `span` of `text`, read in one pass that checks the
/// whole span is that object (and nothing after it).
pub(super) fn members_of(text: &str, span: Range<usize>) -> Result<Members, serde_json::Error> {
    let part = &text[span.clone()];
    let mut s = Scanner::new(part);
    let mut members = Members::new();
    s.document(|s| s.object(0, &mut members, |s, _, depth| s.value(depth)))
        .map_err(|NotJson| why(part))?;
    for (key, value) in &mut members {
        if let Key::At(k) = key {
            *k = k.start + span.start..k.end + span.start;
        }
        *value = value.start + span.start..value.end + span.start;
    }
    Ok(members)
}

/// How many items the JSON array `text` holds; 0 for any other JSON, or text that is not JSON.
pub(super) fn count_items(text: &str) -> usize {
    let mut s = Scanner::new(text);
    let mut n = 0;
    let counted = s.document(|s| {
        if s.at(b'[') {
            n = s.array(0)?;
            Ok(())
        } else {
            s.value(0)
        }
    });
    counted.map_or(0, |()| n)
}

/// The last occurrence of `key` (a parsed object keeps the last too).
pub(super) fn last<'m>(text: &str, members: &'m Members, key: &str) -> Option<&'m Range<usize>> {
    members
        .iter()
        .rev()
        .find(|(k, _)| k.is(text, key))
        .map(|(_, s)| s)
}

/// Why `text` is not one JSON object, in serde_json's words.
fn why(text: &str) -> serde_json::Error {
    match serde_json::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(text) {
        Err(e) => e,
        // Only for nesting deeper than `MAX_DEPTH`, which serde_json's skipping allows.
        Ok(_) => <serde_json::Error as serde::de::Error>::custom("not one JSON object"),
    }
}

#[cfg(test)]
mod tests;
