//! The SSRF guard for webhook targets: only `http`/`https` URLs without credentials, and
//! (unless `webhooks_allow_private_targets`) no loopback, private, shared, link-local,
//! unique-local, multicast, unspecified or cloud-metadata address — checked on the URL at
//! create/update and again on every address DNS returns at delivery time ([`GuardedResolver`]).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use url::{Host, Url};

/// Longest webhook URL accepted.
pub const MAX_URL_CHARS: usize = 2048;

/// Parses and checks the URL's form (not where it points). The message names the problem.
pub fn parse(raw: &str) -> Result<Url, String> {
    if raw.len() > MAX_URL_CHARS {
        return Err(format!("url is longer than {MAX_URL_CHARS} characters"));
    }
    let url =
        Url::parse(raw.trim()).map_err(|e| format!("url is not a valid absolute URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "url must use http or https, not {:?}",
            url.scheme()
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("url must not contain credentials (user:password@)".into());
    }
    if url.host().is_none() {
        return Err("url has no host".into());
    }
    Ok(url)
}

/// Why an address may not be a webhook target, if it may not.
pub fn blocked_reason(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => blocked_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return blocked_v4(v4);
            }
            let seg = v6.segments();
            if v6.is_loopback() {
                Some("loopback")
            } else if v6.is_unspecified() {
                Some("unspecified")
            } else if seg[0] & 0xfe00 == 0xfc00 {
                Some("unique-local (and cloud metadata)")
            } else if seg[0] & 0xffc0 == 0xfe80 {
                Some("link-local")
            } else if v6.is_multicast() {
                Some("multicast")
            } else if seg[0] == 0x64 && seg[1] == 0xff9b {
                // NAT64: the embedded IPv4 address decides.
                let [a, b] = seg[6].to_be_bytes();
                let [c, d] = seg[7].to_be_bytes();
                blocked_v4(Ipv4Addr::new(a, b, c, d))
            } else {
                None
            }
        }
    }
}

fn blocked_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, _, _] = ip.octets();
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_private() {
        Some("private")
    } else if ip.is_link_local() {
        Some("link-local (and cloud metadata)")
    } else if a == 100 && (64..128).contains(&b) {
        Some("shared address space (and cloud metadata)")
    } else if ip.is_unspecified() || a == 0 {
        Some("unspecified")
    } else if ip.is_broadcast() || ip.is_multicast() || a >= 240 {
        Some("broadcast, multicast or reserved")
    } else if a == 192 && b == 0 && ip.octets()[2] == 0 {
        Some("IETF protocol assignments")
    } else {
        None
    }
}

fn refused(ip: IpAddr, why: &str) -> String {
    format!(
        "url resolves to {ip}, a {why} address; webhook targets must be public \
         (set FANSLY_GATEWAY_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true to allow)"
    )
}

/// The URL's host literal, when it is an IP address.
pub fn literal_ip(url: &Url) -> Option<IpAddr> {
    match url.host()? {
        Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        Host::Domain(_) => None,
    }
}

/// Checks where the URL points: its IP literal, or every address its host resolves to.
pub async fn check_destination(url: &Url, allow_private: bool) -> Result<(), String> {
    if allow_private {
        return Ok(());
    }
    if let Some(ip) = literal_ip(url) {
        return blocked_reason(ip).map_or(Ok(()), |why| Err(refused(ip, why)));
    }
    let host = url.host_str().unwrap_or_default();
    let port = url.port_or_known_default().unwrap_or(443);
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, port))
        .await
        .map_err(|_| format!("url host {host:?} does not resolve"))?
        .collect();
    if addrs.is_empty() {
        return Err(format!("url host {host:?} does not resolve"));
    }
    for a in addrs {
        if let Some(why) = blocked_reason(a.ip()) {
            return Err(refused(a.ip(), why));
        }
    }
    Ok(())
}

/// A resolver for the delivery client that drops refused addresses, so the address connected
/// to is the one checked (no DNS-rebinding window).
#[derive(Debug)]
pub struct GuardedResolver;

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let all: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = all
                .iter()
                .copied()
                .filter(|a| blocked_reason(a.ip()).is_none())
                .collect();
            if allowed.is_empty() {
                let why = all
                    .first()
                    .map_or("no address".to_owned(), |a| refused(a.ip(), "refused"));
                return Err(why.into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(allowed.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn blocks_internal_addresses() {
        for s in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "::1",
            "::",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "64:ff9b::a9fe:a9fe",
        ] {
            assert!(blocked_reason(ip(s)).is_some(), "{s}");
        }
        for s in ["93.184.216.34", "2606:2800:220:1::1", "8.8.8.8"] {
            assert!(blocked_reason(ip(s)).is_none(), "{s}");
        }
    }

    #[test]
    fn parse_names_the_problem() {
        assert!(parse("ftp://x.example/").unwrap_err().contains("http"));
        assert!(parse("not a url").unwrap_err().contains("valid"));
        assert!(
            parse("https://u:p@x.example/")
                .unwrap_err()
                .contains("credentials")
        );
        let u = parse("https://x.example/hook/SECRET?a=1&b=%2F").unwrap();
        assert_eq!(u.as_str(), "https://x.example/hook/SECRET?a=1&b=%2F");
    }

    #[tokio::test]
    async fn literal_loopback_is_refused_unless_allowed() {
        let u = parse("http://127.0.0.1:9/x").unwrap();
        assert!(
            check_destination(&u, false)
                .await
                .unwrap_err()
                .contains("loopback")
        );
        assert!(check_destination(&u, true).await.is_ok());
        let u = parse("http://[::1]:9/x").unwrap();
        assert!(check_destination(&u, false).await.is_err());
    }
}
