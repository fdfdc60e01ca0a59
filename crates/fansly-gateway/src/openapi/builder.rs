//! Small builders so each catalog entry is a few lines: `Op` (one method + path), `Body`
//! (a JSON request body with described fields) and `t` / `obj` (a compact type notation for
//! schemas).
//!
//! Type notation of `t`: `s` string, `i` integer, `n` number, `b` boolean, `o` free-form
//! object, `a` array of anything, `any` anything, `id` native Fansly id (digits), `ms` Unix
//! milliseconds, `[T]` array of `T`, `s(a|b)` a string enum, a capitalised name a
//! `#/components/schemas/` reference, and a trailing `?` makes the type nullable.
//! `obj("a:s b:[id]")` builds an object with those properties.

use serde_json::{Map, Value, json};

/// The mount point of every resource route.
pub const API_PREFIX: &str = "/api/fansly";

/// A schema from the compact notation above.
pub fn t(spec: &str) -> Value {
    if let Some(inner) = spec.strip_suffix('?') {
        let base = t(inner);
        return match base.get("type").cloned() {
            Some(Value::String(ty)) => {
                let mut b = base;
                b["type"] = json!([ty, "null"]);
                b
            }
            _ => json!({"anyOf": [base, {"type": "null"}]}),
        };
    }
    if let Some(inner) = spec.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        return json!({"type": "array", "items": t(inner)});
    }
    if let Some(list) = spec.strip_prefix("s(").and_then(|s| s.strip_suffix(')')) {
        let values: Vec<&str> = list.split('|').collect();
        return json!({"type": "string", "enum": values});
    }
    match spec {
        "s" => json!({"type": "string"}),
        "i" => json!({"type": "integer"}),
        "n" => json!({"type": "number"}),
        "b" => json!({"type": "boolean"}),
        "o" => json!({"type": "object"}),
        "a" => json!({"type": "array"}),
        "any" => json!({}),
        "id" => json!({"type": "string", "pattern": "^[0-9]{1,20}$"}),
        "ms" => json!({"type": "integer", "minimum": 0, "description": "Unix milliseconds"}),
        name if name.starts_with(|c: char| c.is_ascii_uppercase()) => {
            json!({"$ref": format!("#/components/schemas/{name}")})
        }
        other => panic!("unknown type notation `{other}`"),
    }
}

/// An object schema from `name:type` pairs separated by spaces; `name*` is required.
/// Extra properties are allowed (Fansly objects carry more fields than listed).
pub fn obj(fields: &str) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for pair in fields.split_whitespace() {
        let (name, ty) = pair
            .split_once(':')
            .unwrap_or_else(|| panic!("field `{pair}` needs name:type"));
        let name = match name.strip_suffix('*') {
            Some(n) => {
                required.push(n.to_owned());
                n
            }
            None => name,
        };
        props.insert(name.to_owned(), t(ty));
    }
    let mut o = json!({"type": "object", "properties": props});
    if !required.is_empty() {
        o["required"] = json!(required);
    }
    o
}

/// A plain string schema made non-blank (`minLength` 1 and a non-space character); other
/// schemas unchanged. Alternatives (`anyOf`) get the same treatment.
pub fn non_blank(mut schema: Value) -> Value {
    if let Some(alts) = schema.get_mut("anyOf").and_then(Value::as_array_mut) {
        for a in alts.iter_mut() {
            *a = non_blank(a.take());
        }
        return schema;
    }
    let plain = schema.get("type") == Some(&json!("string"))
        && schema.get("pattern").is_none()
        && schema.get("enum").is_none()
        && schema.get("format").is_none();
    if plain {
        schema["minLength"] = json!(1);
        schema["pattern"] = json!(NON_BLANK);
    }
    schema
}

/// The pattern of a string with at least one non-space character.
pub const NON_BLANK: &str = "\\S";

/// Does this body schema (or one of its `allOf` parts) require a field?
fn requires_fields(schema: &Value) -> bool {
    schema
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty())
        || schema
            .get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|parts| parts.iter().any(requires_fields))
}

/// A schema with a description.
pub fn described(mut schema: Value, description: &str) -> Value {
    schema["description"] = json!(description);
    schema
}

/// `anyOf` the given schemas: alternative shapes a handler accepts.
pub fn any_of(schemas: Vec<Value>) -> Value {
    json!({"anyOf": schemas})
}

/// A JSON request body, field by field, with the rule of each field.
#[derive(Default)]
pub struct Body {
    props: Map<String, Value>,
    required: Vec<String>,
    all_of: Vec<Value>,
}

impl Body {
    pub fn new() -> Self {
        Self::default()
    }

    /// A field: `name*` is required; `ty` in the notation of `t`.
    pub fn f(self, name: &str, ty: &str, rule: &str) -> Self {
        self.fs(name, t(ty), rule)
    }

    /// A field with an explicit schema. A required plain string must be non-blank (the
    /// handlers trim and refuse an empty value: "must be a non-empty string").
    pub fn fs(mut self, name: &str, schema: Value, rule: &str) -> Self {
        let (name, schema) = match name.strip_suffix('*') {
            Some(n) => {
                self.required.push(n.to_owned());
                (n, non_blank(schema))
            }
            None => (name, schema),
        };
        self.props.insert(name.to_owned(), described(schema, rule));
        self
    }

    /// Also accepts the fields of a component schema (e.g. the media and access fields).
    pub fn with(mut self, component: &str) -> Self {
        self.all_of.push(t(component));
        self
    }

    pub fn schema(self) -> Value {
        let mut o = json!({"type": "object", "properties": self.props});
        if !self.required.is_empty() {
            o["required"] = json!(self.required);
        }
        if self.all_of.is_empty() {
            return o;
        }
        let mut all = self.all_of;
        all.push(o);
        json!({"allOf": all})
    }
}

/// The data of a success envelope, as a schema.
pub fn envelope(data: Value) -> Value {
    json!({"allOf": [t("Envelope"), {"type": "object", "properties": {"data": data}}]})
}

/// `data` of a proxied answer: `{status_code, data:{success, response}}`, plus the cursor
/// places when `cursor`.
pub fn proxied_data(response: Value, cursor: bool) -> Value {
    let mut inner = json!({"type": "object", "properties": {
        "success": {"type": "boolean"}, "response": response}});
    let mut outer = json!({"type": "object", "required": ["status_code", "data"], "properties": {
        "status_code": {"type": "integer", "description": "Fansly's HTTP status"}}});
    if cursor {
        inner["properties"]["nextCursor"] = t("Cursor");
        outer["properties"]["nextCursor"] = t("Cursor");
    }
    outer["properties"]["data"] = inner;
    outer
}

/// How an operation is reached: which errors its scope adds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Scope {
    /// No API key (documentation, health).
    Public,
    /// API key only; answered by the gateway itself.
    Key,
    /// API key; Fansly is called through one of the key's accounts.
    Upstream,
    /// API key and an `{account_id}` of that key; Fansly is called as that account.
    Account,
    /// API key and an `{account_id}` of that key; answered by the gateway itself.
    Owned,
}

/// One operation: a method on a path, and its OpenAPI object.
pub struct Op {
    pub method: &'static str,
    pub path: String,
    pub scope: Scope,
    pub v: Map<String, Value>,
    errors: Vec<u16>,
    responses: Map<String, Value>,
    params: Vec<Value>,
}

/// A new operation on `path` (as in the router; `/api/fansly` is added unless `root`).
pub fn op(method: &'static str, path: &str, id: &str, summary: &str) -> Op {
    let scope = if path.contains("{account_id}") {
        Scope::Account
    } else {
        Scope::Key
    };
    let mut v = Map::new();
    v.insert("operationId".into(), json!(id));
    v.insert("summary".into(), json!(summary));
    Op {
        method,
        path: format!("{API_PREFIX}{path}"),
        scope,
        v,
        errors: Vec::new(),
        responses: Map::new(),
        params: Vec::new(),
    }
}

impl Op {
    pub fn tag(mut self, tag: &str) -> Self {
        self.v.insert("tags".into(), json!([tag]));
        self
    }

    pub fn desc(mut self, text: &str) -> Self {
        self.v.insert("description".into(), json!(text));
        self
    }

    /// Served at the root, not under `/api/fansly`.
    pub fn root(mut self) -> Self {
        self.path = self.path[API_PREFIX.len()..].to_owned();
        self
    }

    pub fn public(mut self) -> Self {
        self.scope = Scope::Public;
        self
    }

    /// Names an account of the key but makes no Fansly call.
    pub fn local(mut self) -> Self {
        self.scope = Scope::Owned;
        self
    }

    /// Reads Fansly through the key's most recently used healthy account.
    pub fn upstream(mut self) -> Self {
        self.scope = Scope::Upstream;
        self
    }

    /// A query parameter (`name*` required) with its rule.
    pub fn q(self, name: &str, ty: &str, rule: &str) -> Self {
        self.qs(name, t(ty), rule)
    }

    /// Query rules of every route (`http::query`): an empty value counts as absent, so an
    /// optional parameter allows an empty value (`allowEmptyValue`); other values are trimmed
    /// (a blank one is refused by typed parameters), and a required one must be non-blank.
    pub fn qs(mut self, name: &str, schema: Value, rule: &str) -> Self {
        let (name, required) = match name.strip_suffix('*') {
            Some(n) => (n, true),
            None => (name, false),
        };
        let mut schema = schema;
        // `limit` is at least 1 on every route (values above a route's maximum are clamped);
        // `offset` is never negative.
        let least = match name {
            "limit" => Some(1),
            "offset" => Some(0),
            _ => None,
        };
        if let Some(least) = least
            && schema.get("type") == Some(&json!("integer"))
            && schema.get("minimum").is_none()
        {
            schema["minimum"] = json!(least);
            if name == "offset" {
                schema["maximum"] = json!(crate::http::page::MAX_OFFSET);
            }
        }
        let p = if required {
            json!({"name": name, "in": "query", "required": true,
                "description": rule, "schema": non_blank(schema)})
        } else {
            json!({"name": name, "in": "query", "required": false, "allowEmptyValue": true,
                "description": rule, "schema": schema})
        };
        self.params.push(p);
        self
    }

    /// The `limit` query parameter of a paged route (client-compat §5.2): minimum 1, no
    /// maximum; a value above the route's `max` is clamped to it, never refused.
    pub fn limit(self, default: u32, max: u32) -> Self {
        self.limit_note(default, max, "")
    }

    /// [`Op::limit`] with a route-specific note appended to the description.
    pub fn limit_note(self, default: u32, max: u32, note: &str) -> Self {
        let mut rule = format!(
            "Page size, default {default}; values above {max} are clamped to {max}. Zero, a negative or a non-integer value is a 400."
        );
        if !note.is_empty() {
            rule.push(' ');
            rule.push_str(note);
        }
        self.qs(
            "limit",
            json!({"type": "integer", "minimum": 1, "default": default}),
            &rule,
        )
    }

    /// A component parameter (`#/components/parameters/{name}`).
    pub fn param(mut self, name: &str) -> Self {
        self.params
            .push(json!({"$ref": format!("#/components/parameters/{name}")}));
        self
    }

    /// The `cursor` query parameter of a paged route.
    pub fn cursor(self) -> Self {
        self.param("cursor")
    }

    /// A JSON body (an empty body counts as `{}`, so it is required only when a field is):
    /// adds 408 (the body stopped arriving), 413 and 415.
    pub fn body(mut self, schema: Value) -> Self {
        let required = requires_fields(&schema);
        self.v.insert(
            "requestBody".into(),
            json!({"required": required, "content": {"application/json": {"schema": schema}}}),
        );
        self.errs(&[400, 408, 413, 415])
    }

    /// A body of another media type (multipart, …).
    pub fn body_as(mut self, media_type: &str, schema: Value) -> Self {
        self.v.insert(
            "requestBody".into(),
            json!({"required": true, "content": {media_type: {"schema": schema}}}),
        );
        self
    }

    /// A success envelope whose `data` has this schema.
    pub fn ok(self, status: u16, what: &str, data: Value) -> Self {
        self.ok_schema(status, what, envelope(data))
    }

    /// A proxied success: `data.data.response` has this schema.
    pub fn proxied(self, status: u16, what: &str, response: Value) -> Self {
        self.ok(status, what, proxied_data(response, false))
    }

    /// A proxied success with a next cursor (`data.nextCursor`, `data.data.nextCursor`, and
    /// `response.cursor` / `response.nextCursor` where `response` is an object).
    pub fn paged(self, status: u16, what: &str, response: Value) -> Self {
        self.cursor().ok(status, what, proxied_data(response, true))
    }

    pub fn ok_schema(mut self, status: u16, what: &str, schema: Value) -> Self {
        let mut r = json!({"description": what,
            "headers": {"X-Request-Id": {"$ref": "#/components/headers/X-Request-Id"}},
            "content": {"application/json": {"schema": schema}}});
        if self.scope != Scope::Public {
            for h in [
                "X-RateLimit-Limit",
                "X-RateLimit-Remaining",
                "X-RateLimit-Plan",
            ] {
                r["headers"][h] = json!({"$ref": format!("#/components/headers/{h}")});
            }
        }
        self.responses.insert(status.to_string(), r);
        self
    }

    /// A success that is not JSON (file bytes, HTML, text).
    pub fn ok_raw(mut self, status: u16, what: &str, media_type: &str, schema: Value) -> Self {
        self.responses.insert(
            status.to_string(),
            json!({"description": what, "content": {media_type: {"schema": schema}}}),
        );
        self
    }

    /// Error statuses this operation can answer, besides those of its scope.
    pub fn errs(mut self, codes: &[u16]) -> Self {
        self.errors.extend_from_slice(codes);
        self
    }

    /// Supports `Idempotency-Key` (replays, 409 on reuse).
    pub fn idem(self) -> Self {
        self.param("Idempotency-Key").errs(&[409])
    }

    /// The finished OpenAPI operation object.
    pub fn finish(mut self, global: &[u16]) -> Value {
        let mut params: Vec<Value> = path_params(&self.path)
            .into_iter()
            .map(|p| json!({"$ref": format!("#/components/parameters/path.{p}")}))
            .collect();
        params.append(&mut self.params);
        if self.method == "GET" && matches!(self.scope, Scope::Account | Scope::Upstream) {
            params.push(json!({"$ref": "#/components/parameters/fresh"}));
        }
        if !params.is_empty() {
            self.v.insert("parameters".into(), json!(params));
        }
        let mut codes = self.errors.clone();
        match self.scope {
            Scope::Public => {
                self.v.insert("security".into(), json!([]));
            }
            Scope::Key => codes.extend_from_slice(&[401]),
            Scope::Upstream => codes.extend_from_slice(&[400, 401, 403, 404, 429, 502, 504]),
            Scope::Account => codes.extend_from_slice(&[400, 401, 403, 404, 429, 502, 504]),
            Scope::Owned => codes.extend_from_slice(&[401, 403, 404]),
        }
        if self.scope != Scope::Public {
            codes.extend_from_slice(global);
        }
        codes.push(500);
        codes.sort_unstable();
        codes.dedup();
        for c in codes {
            self.responses
                .entry(c.to_string())
                .or_insert_with(|| json!({"$ref": format!("#/components/responses/E{c}")}));
        }
        self.v
            .insert("responses".into(), Value::Object(self.responses));
        Value::Object(self.v)
    }
}

/// The `{name}` segments of a path template, in order.
pub fn path_params(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(str::to_owned)
        .collect()
}
