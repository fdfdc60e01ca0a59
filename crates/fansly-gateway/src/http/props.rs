//! Property tests (issue 11, "keep it fixed") of the parsers every request goes through: the
//! JSON body parser, the query string and cursor parsers, the multipart reader and the
//! framing watcher. Each property holds for any input: no panic, every refusal a 4xx naming
//! the problem, and what is accepted is exactly what was sent.

use proptest::prelude::*;
use serde_json::Value;

use super::json::parse;
use super::page::{CursorKind, parse_cursor};
use super::query::QueryParams;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[^\u{0}]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_parse_or_fail_with_a_400(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        if let Err(e) = parse::<Value>(&bytes) {
            prop_assert_eq!(e.status.as_u16(), 400);
            prop_assert!(e.message.contains("JSON"), "{}", e.message);
        }
    }

    #[test]
    fn a_json_value_reads_back_whole_with_any_trailing_whitespace(
        v in json_value(),
        ws in "[ \t\r\n]{0,4}",
    ) {
        let text = format!("{v}{ws}");
        prop_assert_eq!(parse::<Value>(text.as_bytes()).unwrap(), v);
    }

    #[test]
    fn anything_after_the_value_is_malformed(
        v in json_value(),
        tail in "[ ]{0,2}[^ \t\r\n]{1,8}",
    ) {
        let text = format!("{v}{tail}");
        // The tail may itself continue the value (`1` + `2` = `12`); otherwise it is refused.
        if let Ok(back) = parse::<Value>(text.as_bytes()) {
            prop_assert_ne!(back, v);
        } else {
            let e = parse::<Value>(text.as_bytes()).unwrap_err();
            prop_assert_eq!(e.status.as_u16(), 400);
        }
    }

    #[test]
    fn any_query_string_parses_and_every_reader_answers_ok_or_400(raw in "\\PC{0,64}") {
        let q = QueryParams::parse(Some(&raw));
        for name in ["limit", "offset", "cursor", "fresh", "x"] {
            if let Some(v) = q.get(name) {
                prop_assert!(!v.is_empty() && v.trim() == v);
            }
            if let Err(e) = q.integer(name) {
                prop_assert_eq!(e.status.as_u16(), 400);
                prop_assert!(e.message.contains(name));
            }
        }
        for r in [q.offset(true).map(|_| ()), q.offset(false).map(|_| ())] {
            if let Err(e) = r {
                prop_assert_eq!(e.status.as_u16(), 400);
            }
        }
        for kind in [CursorKind::Id, CursorKind::Offset, CursorKind::Sort] {
            if let Err(e) = q.cursor(kind) {
                prop_assert_eq!(e.status.as_u16(), 400);
                prop_assert!(e.message.starts_with("cursor must be"));
            }
        }
    }

    #[test]
    fn encoded_pairs_read_back_first_value_first(
        pairs in prop::collection::vec(("[a-c]{1,2}", "\\PC{0,8}"), 0..6),
    ) {
        let raw: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .finish();
        let q = QueryParams::parse(Some(&raw));
        for (k, _) in &pairs {
            let first = pairs
                .iter()
                .find(|(n, _)| n == k)
                .filter(|(_, v)| !v.is_empty())
                .map(|(_, v)| v.trim());
            prop_assert_eq!(q.get(k), first);
        }
    }

    #[test]
    fn an_accepted_cursor_is_digits_only(raw in "\\PC{0,24}") {
        for kind in [CursorKind::Id, CursorKind::Offset, CursorKind::Sort] {
            if let Ok(Some(c)) = parse_cursor(Some(&raw), kind) {
                prop_assert!(!c.is_empty() && c.len() <= 20);
                prop_assert!(c.bytes().all(|b| b.is_ascii_digit()));
            }
        }
    }

    #[test]
    fn the_framing_watcher_gives_one_verdict_for_any_split(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
        split in 1usize..40,
    ) {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        use crate::serving::framing::Scanner;
        let verdict = |chunk: usize| {
            let flag = Arc::new(AtomicBool::new(false));
            let mut s = Scanner::new(Arc::clone(&flag));
            for piece in bytes.chunks(chunk) {
                s.feed(piece);
            }
            flag.load(Ordering::Relaxed)
        };
        prop_assert_eq!(verdict(split), verdict(bytes.len().max(1)));
    }
}

mod multipart {
    use axum::body::Body;
    use proptest::prelude::*;

    use crate::uploads::multipart::{MultipartError, spool_file};

    fn body_of(bytes: &[u8], chunk: usize) -> Body {
        let chunks: Vec<Vec<u8>> = bytes.chunks(chunk.max(1)).map(<[u8]>::to_vec).collect();
        Body::from_stream(futures_util::stream::iter(
            chunks.into_iter().map(Ok::<_, std::io::Error>),
        ))
    }

    fn run<T>(f: impl std::future::Future<Output = T>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

        /// Whatever the file holds (even the boundary's own bytes minus one) and however the
        /// body is cut, the spooled file is exactly the sent bytes.
        #[test]
        fn any_file_reads_back_exactly(
            file in prop::collection::vec(any::<u8>(), 1..2048),
            note in "[a-z ]{0,40}",
            chunk in 1usize..700,
        ) {
            let mut body = format!(
                "--B0und\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{note}\r\n--B0und\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n\r\n"
            ).into_bytes();
            body.extend_from_slice(&file);
            body.extend_from_slice(b"\r\n--B0und--\r\n");
            // A file containing the full delimiter would end the part early; that is the
            // format, not a defect, so such files are left out.
            prop_assume!(!file.windows(9).any(|w| w == b"\r\n--B0und"));
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("f");
            let got = run(spool_file(body_of(&body, chunk), "B0und", &path, 1 << 20)).unwrap();
            prop_assert_eq!(got.size, file.len() as u64);
            prop_assert_eq!(std::fs::read(&path).unwrap(), file);
        }

        /// Any bytes at all: spooled, or refused as malformed or too large; never a panic or
        /// an I/O error.
        #[test]
        fn any_body_is_read_or_refused(
            bytes in prop::collection::vec(any::<u8>(), 0..1024),
            chunk in 1usize..300,
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("f");
            match run(spool_file(body_of(&bytes, chunk), "B0und", &path, 512)) {
                Ok(_) | Err(MultipartError::Bad(_) | MultipartError::TooLarge) => {}
                Err(e) => prop_assert!(false, "unexpected {e:?}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// Issue 16: a page's cursors written into Fansly's text are the same JSON the parsed
    /// path writes, items are counted the same, and `response` and its members read from
    /// the first pass's index are the parsed ones, for any answer, compact or spaced.
    #[test]
    fn native_bodies_read_and_paged_without_a_tree_match_the_parsed_path(
        response in json_value(),
        extra in json_value(),
        next in prop::option::of("[0-9]{1,6}"),
        pretty in any::<bool>(),
    ) {
        let native = serde_json::json!({"success": true, "response": response, "x": extra});
        let text = if pretty {
            serde_json::to_string_pretty(&native).unwrap()
        } else {
            serde_json::to_string(&native).unwrap()
        };
        let cursor = next.map_or(Value::Null, Value::String);
        let mut want = native.clone();
        if let Some(Value::Object(r)) = want.get_mut("response") {
            r.insert("cursor".into(), cursor.clone());
            r.insert("nextCursor".into(), cursor.clone());
        }
        want["nextCursor"] = cursor.clone();
        let body = fansly_client::NativeBody::from_json(text.into_bytes()).unwrap();
        let read = |t: Option<std::borrow::Cow<'_, str>>| t.map(|t| serde_json::from_str::<Value>(&t).unwrap());
        prop_assert_eq!(read(body.member(&["response"])), Some(native["response"].clone()));
        if let Some(r) = native["response"].as_object() {
            for (k, v) in r {
                prop_assert_eq!(read(body.member(&["response", k])), Some(v.clone()));
                for (k2, v2) in v.as_object().into_iter().flatten() {
                    prop_assert_eq!(read(body.member(&["response", k, k2])), Some(v2.clone()));
                }
                if !v.is_object() {
                    prop_assert_eq!(read(body.member(&["response", k, "0"])), None);
                }
            }
        }
        prop_assert_eq!(read(body.member(&["response", "absent"])), None);
        let count = native["response"].get("data").and_then(Value::as_array).map_or(0, Vec::len);
        prop_assert_eq!(body.count_items("data"), count);
        let mut paged = body;
        paged.set_members(
            &[("cursor", &cursor), ("nextCursor", &cursor)],
            &[("nextCursor", &cursor)],
        );
        let written: Value = match paged.raw() {
            Some(raw) => serde_json::from_str(raw).unwrap(),
            None => paged.into_value(),
        };
        prop_assert_eq!(written, want);
    }
}
