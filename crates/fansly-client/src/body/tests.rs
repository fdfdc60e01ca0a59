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
