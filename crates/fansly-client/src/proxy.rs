//! Outbound proxies per Fansly account (issue 6): a validated [`ProxyUrl`] (a secret: it may
//! carry credentials, so `Debug`/`Display` show only [`ProxyUrl::masked`]), the country
//! [`ProxyPool`] (`US=socks5://u:p@h:1080|http://h2:8080;GB=…;*=…`), and the routing state of
//! a client: which session goes through which proxy, one `reqwest::Client` per distinct proxy.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, RwLock};

use secrecy::{ExposeSecret, SecretString};

use crate::FanslyError;

/// An `http://`, `https://` or `socks5://` (`socks5h://`) proxy URL: a host, an optional
/// port and optional `user:password@`, nothing else.
#[derive(Clone)]
pub struct ProxyUrl {
    url: SecretString,
    masked: String,
}

impl std::fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ProxyUrl").field(&self.masked).finish()
    }
}

impl std::fmt::Display for ProxyUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.masked)
    }
}

impl PartialEq for ProxyUrl {
    fn eq(&self, other: &Self) -> bool {
        self.url.expose_secret() == other.url.expose_secret()
    }
}

impl ProxyUrl {
    /// Validates `raw`; the error says which rule failed and never echoes the value.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let url = url::Url::parse(raw).map_err(|_| {
            "must be an absolute URL such as socks5://user:pass@host:1080".to_owned()
        })?;
        if !matches!(url.scheme(), "http" | "https" | "socks5" | "socks5h") {
            return Err("must use http://, https:// or socks5://".to_owned());
        }
        let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
            return Err("must name a host".to_owned());
        };
        if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
            return Err("must not have a path, query or fragment".to_owned());
        }
        if !url.password().unwrap_or_default().is_empty() && url.username().is_empty() {
            return Err("must not have a password without a user name".to_owned());
        }
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        let creds = if url.username().is_empty() {
            ""
        } else {
            "***@"
        };
        let masked = format!("{}://{creds}{host}{port}", url.scheme());
        Ok(Self {
            url: SecretString::from(raw.to_owned()),
            masked,
        })
    }

    /// `scheme://***@host:port` (credentials replaced), safe to log and to return.
    pub fn masked(&self) -> &str {
        &self.masked
    }

    /// The full URL, credentials included (to seal at rest).
    pub fn secret(&self) -> &SecretString {
        &self.url
    }
}

/// Proxies by ISO country code, `*` for any country without its own list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProxyPool {
    by_country: HashMap<String, Vec<ProxyUrl>>,
}

impl ProxyPool {
    /// `CC=url|url;CC=url;*=url` (spaces around separators ignored; empty = no pool).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let mut by_country: HashMap<String, Vec<ProxyUrl>> = HashMap::new();
        for (n, entry) in spec
            .split(';')
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .enumerate()
        {
            let Some((country, urls)) = entry.split_once('=') else {
                return Err(format!("entry {} must be COUNTRY=URL[|URL…]", n + 1));
            };
            let country = country.trim().to_ascii_uppercase();
            if country != "*"
                && (country.len() != 2 || !country.chars().all(|c| c.is_ascii_alphabetic()))
            {
                return Err(format!(
                    "entry {}: the country must be a two-letter code or *",
                    n + 1
                ));
            }
            let list = by_country.entry(country.clone()).or_default();
            for url in urls.split('|').map(str::trim).filter(|u| !u.is_empty()) {
                list.push(
                    ProxyUrl::parse(url)
                        .map_err(|e| format!("entry {} ({country}): proxy {e}", n + 1))?,
                );
            }
            if list.is_empty() {
                return Err(format!("entry {} ({country}) lists no proxy", n + 1));
            }
        }
        Ok(Self { by_country })
    }

    pub fn is_empty(&self) -> bool {
        self.by_country.is_empty()
    }

    /// The proxy for an account of `country`: the country's list (else `*`), one entry
    /// chosen by a stable hash of `sticky` (the account's login), so an account keeps its
    /// egress while the pool is unchanged.
    pub fn pick(&self, country: &str, sticky: &str) -> Option<&ProxyUrl> {
        let list = self
            .by_country
            .get(&country.to_ascii_uppercase())
            .or_else(|| self.by_country.get("*"))?;
        let index = fnv1a(sticky.to_ascii_lowercase().as_bytes()) % list.len() as u64;
        list.get(usize::try_from(index).unwrap_or(0))
    }
}

/// FNV-1a: stable across builds and processes (std's hasher is randomly seeded).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

tokio::task_local! {
    static VIA: Option<ProxyUrl>;
}

/// Runs `fut` with every Fansly call it makes going through `proxy` (`None`: direct),
/// whatever the session — the connect flow uses it for its login calls, before a session
/// exists, and background work may use it too.
pub async fn via<F: Future>(proxy: Option<ProxyUrl>, fut: F) -> F::Output {
    VIA.scope(proxy, fut).await
}

/// The proxy of the current [`via`] scope (`None` outside one, or when it says direct).
pub(crate) fn current_via() -> Option<ProxyUrl> {
    VIA.try_with(Clone::clone).ok().flatten()
}

/// A TCP stream to `host:port` through `proxy`: SOCKS5 (RFC 1928, user/password per RFC 1929)
/// or HTTP `CONNECT`; for connections reqwest does not make (the event WebSocket). Errors
/// name the proxy masked only.
pub(crate) async fn tunnel(
    proxy: &ProxyUrl,
    host: &str,
    port: u16,
) -> Result<tokio::net::TcpStream, String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let fail = |what: &str| format!("proxy {}: {what}", proxy.masked());
    let url = url::Url::parse(proxy.secret().expose_secret()).map_err(|_| fail("bad URL"))?;
    let proxy_host = url.host_str().unwrap_or_default().to_owned();
    let proxy_port = url.port_or_known_default().unwrap_or(1080);
    let user = percent_decode(url.username());
    let pass = percent_decode(url.password().unwrap_or_default());
    let mut tcp = tokio::net::TcpStream::connect((proxy_host.as_str(), proxy_port))
        .await
        .map_err(|e| fail(&format!("cannot connect: {}", e.kind())))?;
    let io = |e: std::io::Error| fail(&format!("handshake failed: {}", e.kind()));
    match url.scheme() {
        "socks5" | "socks5h" => {
            let with_auth = !user.is_empty();
            tcp.write_all(if with_auth { &[5, 1, 2] } else { &[5, 1, 0] })
                .await
                .map_err(io)?;
            let mut choice = [0u8; 2];
            tcp.read_exact(&mut choice).await.map_err(io)?;
            match choice {
                [5, 0] => {}
                [5, 2] if with_auth => {
                    let (u, p) = (user.as_bytes(), pass.as_bytes());
                    let (Ok(ul), Ok(pl)) = (u8::try_from(u.len()), u8::try_from(p.len())) else {
                        return Err(fail("credentials too long"));
                    };
                    let mut auth = vec![1, ul];
                    auth.extend_from_slice(u);
                    auth.push(pl);
                    auth.extend_from_slice(p);
                    tcp.write_all(&auth).await.map_err(io)?;
                    let mut ok = [0u8; 2];
                    tcp.read_exact(&mut ok).await.map_err(io)?;
                    if ok[1] != 0 {
                        return Err(fail("credentials refused"));
                    }
                }
                _ => return Err(fail("no acceptable SOCKS5 authentication method")),
            }
            let Ok(host_len) = u8::try_from(host.len()) else {
                return Err(fail("target host name too long"));
            };
            let mut req = vec![5, 1, 0, 3, host_len];
            req.extend_from_slice(host.as_bytes());
            req.extend_from_slice(&port.to_be_bytes());
            tcp.write_all(&req).await.map_err(io)?;
            let mut head = [0u8; 4];
            tcp.read_exact(&mut head).await.map_err(io)?;
            if head[1] != 0 {
                return Err(fail(&format!("SOCKS5 connect refused (reply {})", head[1])));
            }
            let skip = match head[3] {
                1 => 4,
                4 => 16,
                3 => {
                    let mut len = [0u8; 1];
                    tcp.read_exact(&mut len).await.map_err(io)?;
                    usize::from(len[0])
                }
                _ => return Err(fail("bad SOCKS5 reply")),
            };
            let mut rest = vec![0u8; skip + 2];
            tcp.read_exact(&mut rest).await.map_err(io)?;
        }
        "http" => {
            let mut req = format!("CONNECT {host}:{port} HTTP/1.1\r\nHost: {host}:{port}\r\n");
            if !user.is_empty() {
                let basic = base64(format!("{user}:{pass}").as_bytes());
                req.push_str(&format!("Proxy-Authorization: Basic {basic}\r\n"));
            }
            req.push_str("\r\n");
            tcp.write_all(req.as_bytes()).await.map_err(io)?;
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") {
                if head.len() > 8192 {
                    return Err(fail("CONNECT answer too long"));
                }
                tcp.read_exact(&mut byte).await.map_err(io)?;
                head.push(byte[0]);
            }
            let status_line = String::from_utf8_lossy(&head);
            let status = status_line.split(' ').nth(1).unwrap_or_default();
            if !status.starts_with('2') {
                return Err(fail(&format!("CONNECT answered {status}")));
            }
        }
        other => {
            return Err(fail(&format!(
                "{other}:// proxies are not supported for the event WebSocket"
            )));
        }
    }
    Ok(tcp)
}

/// `%XX` escapes of URL user info, decoded (`+` stays `+`).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Standard base64 with padding (for `Proxy-Authorization: Basic`).
fn base64(input: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Which proxy each session uses, and the HTTP clients per proxy.
#[derive(Default)]
pub(crate) struct Routing {
    sessions: RwLock<HashMap<String, ProxyUrl>>,
    clients: Mutex<HashMap<String, reqwest::Client>>,
}

impl Routing {
    pub(crate) fn set_session(&self, session_id: &str, proxy: Option<ProxyUrl>) {
        // Every proxied request routes its session again: most find the route unchanged, and
        // a read lock (shared, no allocation) is all they take.
        {
            let map = self.sessions.read().unwrap_or_else(|e| e.into_inner());
            if map.get(session_id) == proxy.as_ref() {
                return;
            }
        }
        let mut map = self.sessions.write().unwrap_or_else(|e| e.into_inner());
        match proxy {
            Some(p) => {
                map.insert(session_id.to_owned(), p);
            }
            None => {
                map.remove(session_id);
            }
        }
    }

    pub(crate) fn session(&self, session_id: &str) -> Option<ProxyUrl> {
        let map = self.sessions.read().unwrap_or_else(|e| e.into_inner());
        map.get(session_id).cloned()
    }

    /// The proxy of a call: the [`via`] scope if any, else the session's route.
    pub(crate) fn proxy_for(&self, session_id: Option<&str>) -> Option<ProxyUrl> {
        if let Ok(scoped) = VIA.try_with(Clone::clone) {
            return scoped;
        }
        let map = self.sessions.read().unwrap_or_else(|e| e.into_inner());
        session_id.and_then(|s| map.get(s).cloned())
    }

    /// The cached client for `proxy`, built by `build` on first use.
    pub(crate) fn client(
        &self,
        proxy: &ProxyUrl,
        build: impl FnOnce(reqwest::Proxy) -> Result<reqwest::Client, FanslyError>,
    ) -> Result<reqwest::Client, FanslyError> {
        let key = proxy.secret().expose_secret();
        let mut map = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(c) = map.get(key) {
            return Ok(c.clone());
        }
        let p = reqwest::Proxy::all(key).map_err(|_| {
            FanslyError::Transport(format!("proxy {} is not usable", proxy.masked()))
        })?;
        let client = build(p)?;
        map.insert(key.to_owned(), client.clone());
        Ok(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_validated_and_masked() {
        let p = ProxyUrl::parse("socks5://user:pa55@10.0.0.1:1080").unwrap();
        assert_eq!(p.masked(), "socks5://***@10.0.0.1:1080");
        assert!(!format!("{p:?} {p}").contains("pa55"));
        assert_eq!(
            ProxyUrl::parse("http://proxy.example:8080/")
                .unwrap()
                .masked(),
            "http://proxy.example:8080"
        );
        for bad in [
            "ftp://h:1",
            "h:1",
            "http://h:1/path",
            "http://h:1?x=1",
            "socks5://:pw@h:1",
            "",
        ] {
            let e = ProxyUrl::parse(bad).unwrap_err();
            assert!(!e.contains("pw"), "{e}");
        }
    }

    #[test]
    fn basic_auth_helpers() {
        assert_eq!(base64(b"user:pass"), "dXNlcjpwYXNz");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(percent_decode("p%40ss+w%2"), "p@ss+w%2");
    }

    #[test]
    fn the_pool_picks_by_country_stickily_with_a_fallback() {
        let pool = ProxyPool::parse("US=socks5://u:p@a:1|http://b:2 ; gb=http://c:3; *=http://d:4")
            .unwrap();
        let first = pool.pick("US", "mia").unwrap().clone();
        for _ in 0..10 {
            assert_eq!(pool.pick("us", "MIA").unwrap(), &first);
        }
        let picks: std::collections::HashSet<String> = (0..50)
            .map(|i| {
                pool.pick("US", &format!("user{i}"))
                    .unwrap()
                    .masked()
                    .to_owned()
            })
            .collect();
        assert_eq!(picks.len(), 2, "both US proxies are used");
        assert_eq!(pool.pick("GB", "x").unwrap().masked(), "http://c:3");
        assert_eq!(pool.pick("FR", "x").unwrap().masked(), "http://d:4");
        assert!(ProxyPool::parse("").unwrap().pick("US", "x").is_none());
        for bad in ["US", "USA=http://a:1", "US=", "US=ftp://a:1"] {
            assert!(ProxyPool::parse(bad).is_err(), "{bad}");
        }
        let e = ProxyPool::parse("US=socks5://u:secret@a:1/x").unwrap_err();
        assert!(!e.contains("secret"), "{e}");
    }
}
