//! `NativeBody` and its index against the parsed value.

use serde_json::json;

use super::*;

const SENT: &str = r#"{"success":true,"response":{"z":1.50,"a":"x\u00e9","data":[1,{"b":[2]}]}}"#;

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

/// The first pass locates `response` (and an object's members) whatever it holds and
/// however it is spaced; a `response` key written with escapes is located on first use.
#[test]
fn response_is_located_in_the_first_pass() {
    for (text, response) in [
        (
            r#"{"response" : { "a" : [1, 2] , "b":{} } ,"x":1}"#,
            json!({"a": [1, 2], "b": {}}),
        ),
        (r#"{"response":{}}"#, json!({})),
        (r#"{"response":{ }}"#, json!({})),
        (
            "{\"response\"\n:\t[ {\"a\":1} , 2 ]\r\n}",
            json!([{"a": 1}, 2]),
        ),
        (r#"{"response":[]}"#, json!([])),
        (r#"{"response":[ ]}"#, json!([])),
        (r#"{"response": true }"#, json!(true)),
        (r#"{"response":-1.5e3,"success":true}"#, json!(-1.5e3)),
        (r#"{"response":"a\"}","b":1}"#, json!("a\"}")),
        (r#"{"response":null}"#, json!(null)),
        (r#"{"respons\u0065":{"a":1}}"#, json!({"a": 1})),
        (
            r#"{"response":{"a":1},"response":{"a":2}}"#,
            json!({"a": 2}),
        ),
        (r#"{"response":{"a":1},"respons\u0065":[3]}"#, json!([3])),
    ] {
        let b = body(text);
        let member: Value = serde_json::from_str(&b.member(&["response"]).unwrap()).unwrap();
        assert_eq!(member, response, "{text}");
        let a = b
            .member(&["response", "a"])
            .map(|t| serde_json::from_str::<Value>(&t).unwrap());
        assert_eq!(a, response.get("a").cloned(), "{text}");
    }
}

/// Members of `response`'s objects come from the first pass too, whatever the other
/// members hold; a member that is no object has none.
#[test]
fn members_of_response_objects_are_located() {
    let text = r#"{"success":true,"response":{"n":-2.5,"s":"a\"b","t":"plain",
        "l":[1,[2]],"e":[], "o" : {"id" : "7", "x":{"y":1},"id":"8"},
        "z":null,"b":false,"o2":{}, "esc\u0061":{"k":1}}}"#;
    let b = body(text);
    let parsed: Value = serde_json::from_str(text).unwrap();
    let read = |path: &[&str]| {
        b.member(path)
            .map(|t| serde_json::from_str::<Value>(&t).unwrap())
    };
    for k in ["n", "s", "t", "l", "e", "o", "z", "b", "o2", "esca"] {
        assert_eq!(
            read(&["response", k]).as_ref(),
            parsed["response"].get(k),
            "{k}"
        );
    }
    assert_eq!(
        read(&["response", "o", "id"]),
        Some(json!("8")),
        "the last of a key"
    );
    assert_eq!(read(&["response", "o", "x"]), Some(json!({"y": 1})));
    assert_eq!(read(&["response", "esca", "k"]), Some(json!(1)));
    assert_eq!(read(&["response", "o2", "id"]), None);
    assert_eq!(read(&["response", "l", "0"]), None);
    assert_eq!(read(&["response", "t", "id"]), None);
    assert_eq!(read(&["response", "absent", "id"]), None);
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
        Some(r#"{"success":true,"response":{"z":1.50,"a":[],"cursor":"25"},"nextCursor":"25"}"#)
    );
    // … and indexed again when read.
    assert_eq!(b.member(&["response", "cursor"]).as_deref(), Some("\"25\""));

    // With room after the text (as `transport::read` leaves), the members go in where the
    // text is: the page is not copied into a new buffer.
    let sent = r#"{"success":true,"response":{"list":[1,2,3]}}"#;
    let mut bytes = Vec::with_capacity(sent.len() + 256);
    bytes.extend_from_slice(sent.as_bytes());
    let mut b = NativeBody::from_json(bytes).unwrap();
    let before = b.raw().unwrap().as_ptr();
    b.set_members(&[("cursor", &c)], &[("nextCursor", &c)]);
    assert_eq!(b.raw().unwrap().as_ptr(), before);
    assert_eq!(
        b.raw(),
        Some(r#"{"success":true,"response":{"list":[1,2,3],"cursor":"25"},"nextCursor":"25"}"#)
    );
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

/// The scanner against serde_json: on any JSON object, compact or spaced, every member it
/// locates is the parsed value's member; on text changed at random, it takes exactly what
/// serde_json takes.
mod against_serde_json {
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
            "[ -~\u{0}-\u{1f}\u{e9}\u{2028}\u{1F600}]{0,12}".prop_map(Value::String),
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
}
