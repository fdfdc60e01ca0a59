//! Argument rules shared by the tools: the `account` argument (a gateway account id or a
//! username), Fansly ids, cursors and limits. Each broken rule is a [`Fail::Invalid`] naming
//! the argument and the rule.

use serde_json::{Map, Value, json};

use super::output::Fail;
use super::rest::Rest;

/// The gateway account id named by `account`: a gateway id (`fansly_…`) is used as given (the
/// REST route then answers 403 for another key's account and 404 for an unknown one); anything
/// else is a username (a leading `@` is ignored, case does not matter) looked up among the
/// key's connected accounts, which must match exactly one.
pub async fn account(rest: &Rest, account: &str) -> Result<String, Fail> {
    let a = account.trim();
    if a.is_empty() {
        return Err(Fail::Invalid(
            "account must be a gateway account id (fansly_…) or a connected account's username"
                .into(),
        ));
    }
    if a.starts_with("fansly_") {
        if a.len() > 64 || !a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(Fail::Invalid(format!(
                "account `{a}` is not a gateway account id (fansly_ and letters or digits)"
            )));
        }
        return Ok(a.to_owned());
    }
    let name = a.trim_start_matches('@');
    let data = rest.get("/accounts", &[]).await?;
    let matches: Vec<&Value> = data["accounts"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter(|acc| {
                    acc["username"]
                        .as_str()
                        .is_some_and(|u| u.eq_ignore_ascii_case(name))
                })
                .collect()
        })
        .unwrap_or_default();
    match matches.as_slice() {
        [one] => Ok(one["accountId"].as_str().unwrap_or_default().to_owned()),
        [] => Err(Fail::Invalid(format!(
            "account `{a}`: no account connected under this API key has that username \
             (list_accounts shows them)"
        ))),
        _ => Err(Fail::Invalid(format!(
            "account `{a}`: several connected accounts have that username; pass the account id"
        ))),
    }
}

/// A Fansly id argument (a chat, fan, message, album or media id): 1 to 20 digits.
pub fn native_id<'a>(name: &str, v: &'a str) -> Result<&'a str, Fail> {
    let v = v.trim();
    if v.is_empty() || v.len() > 20 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Fail::Invalid(format!(
            "{name} must be a Fansly id (1 to 20 digits), got `{v}`"
        )));
    }
    Ok(v)
}

/// Query pairs for an optional `cursor` and `limit` (the route checks and clamps them).
pub fn page(cursor: Option<&str>, limit: Option<u32>) -> Vec<(&'static str, String)> {
    let mut q = Vec::new();
    if let Some(c) = cursor.map(str::trim).filter(|c| !c.is_empty()) {
        q.push(("cursor", c.to_owned()));
    }
    if let Some(l) = limit {
        q.push(("limit", l.to_string()));
    }
    q
}

/// `limit` in `1..=max` (a tool-side rule where the route itself has none).
pub fn limit(v: Option<u32>, default: u32, max: u32) -> Result<u32, Fail> {
    match v {
        None => Ok(default),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(n) => Err(Fail::Invalid(format!(
            "limit must be from 1 to {max}, got {n}"
        ))),
    }
}

/// The REST body of a send or a post (M3 / P2): `content`, the vault `mediaIds`, and PPV
/// (`access_type: ppv`, `price` in dollars) when `price_usd` is given.
pub fn media_body(
    text: Option<&str>,
    media_ids: Option<&[String]>,
    price_usd: Option<f64>,
) -> Result<Value, Fail> {
    let mut body = Map::new();
    body.insert("content".into(), json!(text.unwrap_or_default()));
    if let Some(ids) = media_ids {
        for id in ids {
            native_id("media_ids[]", id)?;
        }
        body.insert("mediaIds".into(), json!(ids));
    }
    if let Some(p) = price_usd {
        if !p.is_finite() || !(1.0..=500.0).contains(&p) {
            return Err(Fail::Invalid(format!(
                "price_usd must be from 1 to 500 dollars, got {p}"
            )));
        }
        body.insert("access_type".into(), json!("ppv"));
        body.insert("price".into(), json!(p));
    }
    Ok(Value::Object(body))
}

/// Serde: a Fansly id or cursor given as a string or as a JSON number (assistants send both).
pub mod lenient {
    use serde::Deserializer;
    use serde::de::{Error, Visitor};

    struct IdVisitor;

    impl Visitor<'_> for IdVisitor {
        type Value = String;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a Fansly id or cursor (a string of digits)")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }

    pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_any(IdVisitor)
    }

    pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        struct OptVisitor;
        impl<'de> Visitor<'de> for OptVisitor {
            type Value = Option<String>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a Fansly id or cursor (a string of digits), or null")
            }
            fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                id(d).map(Some)
            }
        }
        d.deserialize_option(OptVisitor)
    }
}
