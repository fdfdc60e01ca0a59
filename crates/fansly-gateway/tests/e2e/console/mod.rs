//! The web console (issue 13). `http.rs` and `manage.rs` speak to `/console` over plain HTTP
//! (headers, cookies, CSRF, tenancy, rate limit, expiry; operators and the CLI, webhook
//! endpoints); `browser/` drives headless Chromium over WebDriver through the whole flow and
//! takes the screenshots in docs/console/.

mod browser;
mod http;
mod manage;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};

use crate::common::TestApp;

/// A browser-like HTTP client for the console: no redirects followed, cookies kept by hand.
pub struct Visitor {
    pub http: reqwest::Client,
    pub root: String,
    pub cookies: Vec<(String, String)>,
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    /// The value of the first `name="csrf"` field.
    pub fn csrf(&self) -> String {
        let at = self
            .body
            .find(r#"name="csrf" value=""#)
            .expect("a csrf field");
        let rest = &self.body[at + r#"name="csrf" value=""#.len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }
}

impl Visitor {
    pub fn new(app: &TestApp) -> Self {
        Self::at(&app.root)
    }

    /// A visitor of the gateway at `root` (`http://127.0.0.1:PORT`).
    pub fn at(root: &str) -> Self {
        Self {
            http: reqwest::Client::builder()
                .no_proxy()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            root: root.to_owned(),
            cookies: Vec::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn remember(&mut self, headers: &HeaderMap) {
        for v in headers.get_all(SET_COOKIE) {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(k, _)| k != name);
            if !value.is_empty() && !v.contains("Max-Age=0") {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
    }

    async fn finish(&mut self, res: reqwest::Response) -> Page {
        let status = res.status();
        let headers = res.headers().clone();
        self.remember(&headers);
        Page {
            status,
            headers,
            body: res.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let res = self
            .http
            .get(format!("{}{path}", self.root))
            .header("cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.finish(res).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let res = self
            .http
            .post(format!("{}{path}", self.root))
            .header("cookie", self.cookie_header())
            .form(form)
            .send()
            .await
            .unwrap();
        self.finish(res).await
    }

    /// Signs in with `secret` (an API key or operator secret); returns the answer.
    pub async fn sign_in(&mut self, secret: &str) -> Page {
        let form = self.get("/console/sign-in").await;
        assert_eq!(form.status, StatusCode::OK);
        let csrf = form.csrf();
        self.post("/console/sign-in", &[("csrf", &csrf), ("secret", secret)])
            .await
    }

    /// Signs in and checks it worked.
    pub async fn signed_in(app: &TestApp, secret: &str) -> Self {
        let mut v = Self::new(app);
        let page = v.sign_in(secret).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        v
    }

    /// A signed-in page's CSRF token.
    pub async fn csrf(&mut self, page: &str) -> String {
        let p = self.get(page).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.body);
        p.csrf()
    }
}
