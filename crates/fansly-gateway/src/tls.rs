//! Optional TLS (`--tls-cert` / `--tls-key`, PEM files): rustls with the `ring` provider
//! (the one reqwest already brings), TLS 1.2 and 1.3, ALPN `http/1.1`.
//!
//! [`TlsListener`] is a [`Listener`] over any listener of byte streams (the gateway's is the
//! connection-capped TCP listener of `serving`, so handshakes count against the cap), so
//! plain and TLS serving share one code path (`serving::run`), including graceful shutdown. Handshakes run in their own tasks (bounded by
//! [`HANDSHAKE_TIMEOUT`]), so a slow or silent client never holds up `accept` for the others;
//! finished handshakes reach `axum::serve` through a channel. Dropping the listener (which
//! `axum::serve` does when shutdown starts) closes the socket: new connections are refused.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::serve::Listener;
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

/// Longest a client may take to complete the TLS handshake.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Finished handshakes waiting for `axum::serve` to take them.
const READY_QUEUE: usize = 128;

/// The certificate chain and private key files (PEM), as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsFiles {
    /// Certificate chain, leaf first.
    pub cert: PathBuf,
    /// Private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

impl TlsFiles {
    /// Both or neither: `Ok(None)` when neither is given, an error naming the missing flag
    /// when only one is.
    pub fn from_pair(cert: Option<PathBuf>, key: Option<PathBuf>) -> Result<Option<Self>, String> {
        match (cert, key) {
            (Some(cert), Some(key)) => Ok(Some(Self { cert, key })),
            (None, None) => Ok(None),
            (Some(_), None) => Err(
                "--tls-cert (FANSLY_GATEWAY_TLS_CERT) is set but --tls-key (FANSLY_GATEWAY_TLS_KEY) is not: give both or neither"
                    .to_owned(),
            ),
            (None, Some(_)) => Err(
                "--tls-key (FANSLY_GATEWAY_TLS_KEY) is set but --tls-cert (FANSLY_GATEWAY_TLS_CERT) is not: give both or neither"
                    .to_owned(),
            ),
        }
    }

    /// Reads and checks both files. Errors name the file and what is wrong with it, never the
    /// key material.
    pub fn load(&self) -> Result<Arc<ServerConfig>, String> {
        let certs = read_certs(&self.cert)?;
        let key = read_key(&self.key)?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS: {e}"))?
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .map_err(|e| {
                format!(
                    "TLS: certificate {} and key {} do not form a usable pair: {e}",
                    self.cert.display(),
                    self.key.display()
                )
            })?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| format!("TLS certificate {}: {e}", path.display()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("TLS certificate {}: {e}", path.display()))?;
    if certs.is_empty() {
        return Err(format!(
            "TLS certificate {}: no PEM CERTIFICATE block found",
            path.display()
        ));
    }
    Ok(certs)
}

fn read_key(path: &Path) -> Result<PrivateKeyDer<'static>, String> {
    PrivateKeyDer::from_pem_file(path).map_err(|e| match e {
        rustls::pki_types::pem::Error::NoItemsFound => format!(
            "TLS key {}: no PEM PRIVATE KEY block found (PKCS#8, PKCS#1 or SEC1)",
            path.display()
        ),
        // Other errors describe the file's structure or I/O, not its contents.
        e => format!("TLS key {}: {e}", path.display()),
    })
}

/// A listener that hands out connections after their TLS handshake.
pub struct TlsListener<I> {
    ready: mpsc::Receiver<(TlsStream<I>, SocketAddr)>,
    local: SocketAddr,
    acceptor_task: tokio::task::JoinHandle<()>,
}

impl<I> TlsListener<I>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    pub fn new<L>(tcp: L, config: Arc<ServerConfig>) -> std::io::Result<Self>
    where
        L: Listener<Io = I, Addr = SocketAddr> + 'static,
    {
        let local = tcp.local_addr()?;
        let (tx, ready) = mpsc::channel(READY_QUEUE);
        let acceptor = TlsAcceptor::from(config);
        let acceptor_task = tokio::spawn(accept_loop(tcp, acceptor, tx));
        Ok(Self {
            ready,
            local,
            acceptor_task,
        })
    }
}

impl<I> Drop for TlsListener<I> {
    /// Closes the socket (the accept loop owns it): new connections are refused from now on.
    fn drop(&mut self) {
        self.acceptor_task.abort();
    }
}

async fn accept_loop<L, I>(
    mut tcp: L,
    acceptor: TlsAcceptor,
    tx: mpsc::Sender<(TlsStream<I>, SocketAddr)>,
) where
    L: Listener<Io = I, Addr = SocketAddr>,
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    loop {
        // The inner listener retries failed accepts (EMFILE and friends) itself.
        let (stream, peer) = tokio::select! {
            () = tx.closed() => return,
            c = tcp.accept() => c,
        };
        let acceptor = acceptor.clone();
        let tx = tx.clone();
        tokio::spawn(async move {
            match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(tls)) => {
                    let _ = tx.send((tls, peer)).await;
                }
                Ok(Err(e)) => tracing::debug!(%peer, error = %e, "TLS handshake failed"),
                Err(_) => tracing::debug!(%peer, "TLS handshake timed out"),
            }
        });
    }
}

impl<I> Listener for TlsListener<I>
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Io = TlsStream<I>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(c) => c,
            // The accept loop ended (it only does when this listener goes away): nothing
            // more will come.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cert_and_key_come_together() {
        let p = |s: &str| Some(PathBuf::from(s));
        assert_eq!(TlsFiles::from_pair(None, None), Ok(None));
        assert!(TlsFiles::from_pair(p("c"), p("k")).unwrap().is_some());
        let e = TlsFiles::from_pair(p("c"), None).unwrap_err();
        assert!(e.contains("--tls-key"), "{e}");
        let e = TlsFiles::from_pair(None, p("k")).unwrap_err();
        assert!(e.contains("--tls-cert"), "{e}");
    }

    #[test]
    fn unreadable_or_empty_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let cert = dir.path().join("cert.pem");
        let key = dir.path().join("key.pem");
        let files = TlsFiles {
            cert: cert.clone(),
            key: key.clone(),
        };
        let e = files.load().unwrap_err();
        assert!(e.contains("cert.pem"), "{e}");
        std::fs::write(&cert, "not pem").unwrap();
        let e = files.load().unwrap_err();
        assert!(e.contains("no PEM CERTIFICATE"), "{e}");
    }
}
