//! What a tool answers: structured content plus a short text summary, or a tool error (an
//! MCP result with `isError: true`, which the assistant reads) for bad arguments and for every
//! REST refusal (403 foreign account, 404, 429, …).

use rmcp::ErrorData as McpError;
use rmcp::model::{CallToolResult, ContentBlock};
use serde_json::{Value, json};

use super::rest::RestError;

/// Why a tool did not do its job.
#[derive(Debug)]
pub enum Fail {
    /// The arguments break a rule (checked before any REST call).
    Invalid(String),
    /// The REST route refused or failed.
    Rest(RestError),
}

impl From<RestError> for Fail {
    fn from(e: RestError) -> Self {
        Self::Rest(e)
    }
}

/// A tool's answer: what to tell the assistant in a sentence, and the data.
pub struct Done {
    pub summary: String,
    pub data: Value,
}

impl Done {
    pub fn new(summary: impl Into<String>, data: Value) -> Self {
        Self {
            summary: summary.into(),
            data,
        }
    }
}

/// The MCP result of a tool: on success the summary and the data as JSON text (for clients
/// that ignore structured content) plus `structuredContent`; on failure a tool error.
pub fn finish(result: Result<Done, Fail>) -> Result<CallToolResult, McpError> {
    Ok(match result {
        Ok(done) => {
            let mut r = CallToolResult::success(vec![
                ContentBlock::text(done.summary),
                ContentBlock::text(done.data.to_string()),
            ]);
            r.structured_content = Some(done.data);
            r
        }
        Err(fail) => {
            let (status, text) = match &fail {
                Fail::Invalid(m) => (400, format!("Invalid arguments: {m}")),
                Fail::Rest(e) => (
                    e.status,
                    format!("The gateway answered {}: {}", e.status, e.message),
                ),
            };
            let message = match fail {
                Fail::Invalid(m) => m,
                Fail::Rest(e) => e.message,
            };
            let mut r = CallToolResult::error(vec![ContentBlock::text(text)]);
            r.structured_content = Some(json!({"error": {"status": status, "message": message}}));
            r
        }
    })
}

/// The payload of a REST `data`: Fansly's `response` for a proxied answer (shape P), else the
/// gateway-built object itself.
pub fn payload(data: &Value) -> &Value {
    match data.pointer("/data/response") {
        Some(r) if data.get("status_code").is_some() => r,
        _ => data,
    }
}

/// The REST answer's `nextCursor` (`null` on the last page) as a string.
pub fn next_cursor(data: &Value) -> Value {
    match data.get("nextCursor") {
        Some(Value::String(s)) if !s.is_empty() => Value::String(s.clone()),
        Some(Value::Number(n)) => Value::String(n.to_string()),
        _ => Value::Null,
    }
}

/// " More with cursor `c`." or "" on the last page.
pub fn more(cursor: &Value) -> String {
    match cursor.as_str() {
        Some(c) => format!(" More with cursor `{c}`."),
        None => String::new(),
    }
}

/// The length of the array at `pointer` (0 when absent).
pub fn count(v: &Value, pointer: &str) -> usize {
    v.pointer(pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}
