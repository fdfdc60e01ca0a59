//! The index's scanner against serde_json: on any JSON object, compact or spaced, every
//! member it locates is the parsed value's member; on text changed at random, it takes
//! exactly what serde_json takes.

use proptest::prelude::*;
use serde::de::IgnoredAny;
use serde_json::{Map, Value};

use super::super::index;

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("response".to_owned()),
        Just("data".to_owned()),
        Just("id".to_owned()),
        "[a-z\"\\\\\u{1}\u{e9}\u{1F600}]{0,6}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[ -~\u{0}-\u{1f}\u{e9}\u{2028}\u{1F600}]{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn object() -> impl Strategy<Value = Value> {
    (prop::collection::vec((key(), json()), 0..5), json()).prop_map(|(mut m, response)| {
        m.push(("response".to_owned(), response));
        Value::Object(m.into_iter().collect())
    })
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn key_text(text: &str, key: &index::Key) -> String {
    match key {
        index::Key::At(r) => text[r.clone()].to_owned(),
        index::Key::Owned(k) => k.to_string(),
    }
}

fn serde_takes(text: &str) -> bool {
    serde_json::from_str::<std::collections::BTreeMap<String, IgnoredAny>>(text).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn members_located_are_the_parsed_members(v in object(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            serde_json::to_string(&v).unwrap()
        };
        let found = index::read(&text).unwrap();
        // As parsed (serde_json's float parsing does not always give back the same f64).
        let v = parse(&text);
        let top = v.as_object().unwrap();
        prop_assert_eq!(found.top.len(), top.len());
        for (key, span) in &found.top {
            prop_assert_eq!(&parse(&text[span.clone()]), &top[&key_text(&text, key)]);
        }
        let response = &v["response"];
        match (&found.response, response) {
            (Some(r), Value::Object(members)) => {
                prop_assert_eq!(r.members.len(), members.len());
                for (i, (key, span)) in r.members.iter().enumerate() {
                    let member = &members[&key_text(&text, key)];
                    prop_assert_eq!(&parse(&text[span.clone()]), member);
                    let len = member.as_array().map_or(0, Vec::len);
                    prop_assert_eq!(r.items[i], Some(len));
                    prop_assert_eq!(index::count_items(&text[span.clone()]), len);
                    match (&r.inner[i], member) {
                        (Some(inner), Value::Object(o)) => {
                            prop_assert_eq!(inner.len(), o.len());
                            for (key, span) in inner {
                                if let index::Key::At(r) = key {
                                    prop_assert_eq!(&parse(&text[span.clone()]), &o[&text[r.clone()]]);
                                }
                            }
                        }
                        (None, m) => prop_assert!(!m.is_object()),
                        (Some(_), m) => prop_assert!(false, "members of {}", m),
                    }
                }
            }
            (None, r) => prop_assert!(!r.is_object()),
            (Some(_), r) => prop_assert!(false, "members of {}", r),
        }
    }

    #[test]
    fn changed_text_is_taken_exactly_when_serde_json_takes_it(
        v in object(),
        pretty in any::<bool>(),
        edits in prop::collection::vec(
            (any::<prop::sample::Index>(), 0..3u8, prop::sample::select(
                &b"{}[]:,\"\\/ \t\n\x01-+.0123456789eEtrufalsn\xc3\xa9"[..])),
            1..4,
        ),
    ) {
        let text = if pretty {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            serde_json::to_string(&v).unwrap()
        };
        let mut bytes = text.into_bytes();
        for (at, kind, c) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 => bytes.insert(i, c),
                1 if i < bytes.len() => bytes[i] = c,
                _ if i < bytes.len() => { bytes.remove(i); }
                _ => bytes.push(c),
            }
        }
        let Ok(text) = String::from_utf8(bytes) else { return Ok(()) };
        prop_assert_eq!(index::read(&text).is_ok(), serde_takes(&text), "{}", text);
    }
}

#[test]
fn refusals_match_serde_json() {
    for text in [
        "",
        " ",
        "{",
        "}",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1,}",
        "{,}",
        "{\"a\":01}",
        "{\"a\":1.}",
        "{\"a\":.5}",
        "{\"a\":-}",
        "{\"a\":1e}",
        "{\"a\":tru}",
        "{\"a\":nul}",
        "{\"a\":\"\u{1}\"}",
        "{\"a\":\"\\x\"}",
        "{\"a\":\"\\u12\"}",
        "{\"a\":\"\\u12g4\"}",
        "{\"\\ud800\":1}",
        "{\"a\":[1,]}",
        "{\"a\":[,1]}",
        "{\"a\":{\"b\"1}}",
        "{\"a\":{1:2}}",
        "{\"a\":[}",
        "{\"a\":\"open}",
        "{\"a\":1}}",
        "[]",
        "\"a\"",
        "{\"a\":1} x",
        "{\"a\":\"\t\"}",
    ] {
        assert!(index::read(text).is_err(), "{text:?}");
        assert!(!serde_takes(text), "{text:?}");
    }
    for text in [
        "{}",
        " {\"a\" : [ ] , \"b\":{ }}\n",
        "{\"a\":\"\\ud800\"}",
        "{\"a\":{\"\\ud800\":1}}",
        "{\"a\":-0.5E+3}",
        "{\"\\u0041\":[true,false,null]}",
    ] {
        assert!(index::read(text).is_ok(), "{text:?}");
        assert!(serde_takes(text), "{text:?}");
    }
    // Nesting: 127 containers in all are taken, 128 refused with a reason.
    let nested = |n: usize| format!("{{\"a\":{}1{}}}", "[".repeat(n - 1), "]".repeat(n - 1));
    assert!(index::read(&nested(127)).is_ok());
    assert!(index::read(&nested(128)).is_err());
}
