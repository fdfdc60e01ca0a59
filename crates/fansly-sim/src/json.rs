//! Shared JSON body parsing for the native and control extractors, plus lenient
//! field helpers (ids and codes may arrive as strings or numbers).

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde_json::Value;

/// Parses a request body; an empty body counts as `{}`. Errors name the field at fault.
pub(crate) fn parse_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let text = if bytes.iter().all(u8::is_ascii_whitespace) {
        &b"{}"[..]
    } else {
        bytes
    };
    let mut de = serde_json::Deserializer::from_slice(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            e.into_inner().to_string()
        } else {
            format!("{path}: {}", e.into_inner())
        }
    })
}

/// Deserializes an optional string that may also be sent as a JSON number.
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(de: D) -> Result<Option<String>, D::Error> {
    match Option::<Value>::deserialize(de)? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(D::Error::custom(format!("expected a string, got {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Body {
        name: String,
        #[serde(default, deserialize_with = "opt_string")]
        id: Option<String>,
    }

    #[test]
    fn errors_name_the_field() {
        let err = parse_body::<Body>(br#"{"name": 3}"#).err().unwrap();
        assert!(err.starts_with("name:"), "{err}");
        let err = parse_body::<Body>(b"").err().unwrap();
        assert!(err.contains("name"), "{err}");
    }

    #[test]
    fn ids_may_be_numbers() {
        let body: Body = parse_body(br#"{"name":"x","id":12}"#).unwrap();
        assert_eq!((body.name.as_str(), body.id.as_deref()), ("x", Some("12")));
        let body: Body = parse_body(br#"{"name":"x","id":null}"#).unwrap();
        assert!(body.id.is_none());
    }
}
