//! Request-field validation shared by the routes. Every failure is a 400 whose message names
//! the field and the rule it broke.

use serde::Deserialize;
use serde_json::Value;

use crate::http::ApiError;

/// A string field as clients send it: absent, `null`, or a string. Anything else fails to
/// deserialize, and `ApiJson` names the field.
pub type Field = Option<String>;

/// Collects every missing (absent, null or blank) required field into one 400.
pub fn require<'a>(fields: &[(&str, &'a Field)]) -> Result<Vec<&'a str>, ApiError> {
    let missing: Vec<&str> = fields
        .iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|s| s.trim().is_empty()))
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return Err(ApiError::bad_request(format!(
            "Missing required field{}: {} (must be a non-empty string)",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        )));
    }
    Ok(fields
        .iter()
        .map(|(_, v)| v.as_deref().unwrap_or_default())
        .collect())
}

pub fn max_len(field: &str, value: &str, max: usize) -> Result<(), ApiError> {
    if value.chars().count() > max {
        return Err(ApiError::bad_request(format!(
            "{field} must be at most {max} characters"
        )));
    }
    Ok(())
}

/// `countryCode` picks the egress country: an uppercase ISO 3166-1 alpha-2 code.
pub fn country_code(value: &str) -> Result<(), ApiError> {
    if value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(ApiError::bad_request(
            "countryCode must match ^[A-Z]{2}$ (an uppercase ISO 3166-1 alpha-2 code such as US)",
        ))
    }
}

/// A code that clients send as a string or, sometimes, as a bare number.
#[derive(Deserialize)]
#[serde(untagged)]
pub enum StringOrNumber {
    String(String),
    Number(serde_json::Number),
}

impl StringOrNumber {
    /// The value as text. A JSON number with no fraction (`129503.0`) reads as the integer
    /// it is (JSON Schema's `integer` includes it), so ids and codes sent that way work.
    pub fn into_string(self) -> String {
        match self {
            StringOrNumber::String(s) => s,
            StringOrNumber::Number(n) => {
                integral(&n).map_or_else(|| n.to_string(), |i| i.to_string())
            }
        }
    }
}

/// A non-negative integral JSON number (`5`, `5.0`, up to `u64::MAX`) as a `u64` (ids sent
/// as JSON numbers); `None` otherwise.
pub fn unsigned(n: &serde_json::Number) -> Option<u64> {
    if let Some(u) = n.as_u64() {
        return Some(u);
    }
    let f = n.as_f64()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (f.fract() == 0.0 && (0.0..1.8e19).contains(&f)).then_some(f as u64)
}

/// An integral JSON number (`5`, `5.0`) as an integer; `None` for fractions and huge values.
pub fn integral(n: &serde_json::Number) -> Option<i64> {
    if let Some(i) = n.as_i64() {
        return Some(i);
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64)
}

/// Reads an optional integer field that must not be a float, string or bool.
pub fn optional_integer(field: &str, value: Option<&Value>, default: i64) -> Result<i64, ApiError> {
    match value {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Number(n)) if integral(n).is_some() => Ok(integral(n).unwrap_or(default)),
        Some(_) => Err(ApiError::bad_request(format!("{field} must be an integer"))),
    }
}

/// A native id from a path or body: decimal digits only, so nothing else reaches a native URL.
pub fn native_id(field: &str, value: &str) -> Result<(), ApiError> {
    if is_native_id(value) {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "{field} must be a numeric native Fansly id (got `{value}`)"
        )))
    }
}

/// Native Fansly ids are decimal snowflakes.
pub fn is_native_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes() {
        assert!(country_code("US").is_ok());
        for bad in ["us", "USA", "U", "", "U1", "ÜS"] {
            assert!(country_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn require_names_every_missing_field() {
        let a = Some("x".to_owned());
        let b = None;
        let c = Some("  ".to_owned());
        let err = require(&[("a", &a), ("b", &b), ("c", &c)]).unwrap_err();
        assert!(err.message.contains("b, c"), "{}", err.message);
    }

    #[test]
    fn integers() {
        assert_eq!(optional_integer("mode", None, 1).unwrap(), 1);
        assert_eq!(
            optional_integer("mode", Some(&Value::from(2)), 1).unwrap(),
            2
        );
        assert!(optional_integer("mode", Some(&Value::from("1")), 1).is_err());
        assert!(optional_integer("mode", Some(&Value::from(1.5)), 1).is_err());
    }
}
