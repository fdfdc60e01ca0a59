//! Refusing a request that carries both `Transfer-Encoding` and `Content-Length`
//! (RFC 9112 §6.3, the classic request-smuggling vector). hyper handles such a request by
//! its `Transfer-Encoding` alone, drops the `Content-Length` before the application sees it,
//! and closes the connection afterwards; it offers no way to refuse it. So [`Watched`] wraps
//! the connection's bytes and follows the HTTP/1 framing of what the client sends (heads via
//! `httparse`, bodies by length or chunks), and flags the connection when a head has both
//! headers; `serving::run` then answers that request 400 and the connection closes.
//!
//! The watcher only observes (it never changes a byte); when it cannot follow the stream
//! (a malformed head, which hyper refuses anyway, or an upgrade) it stops watching.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// Largest request head followed (hyper refuses larger ones itself).
const MAX_HEAD: usize = 64 * 1024;
/// Largest chunk-size line followed.
const MAX_LINE: usize = 4 * 1024;

#[derive(Debug)]
enum State {
    Head(Vec<u8>),
    Body(u64),
    ChunkSize(Vec<u8>),
    ChunkData(u64),
    ChunkEnd(u8),
    Trailers(Vec<u8>),
    /// Not following any more (conflict found, upgrade, or a stream it cannot read).
    Off,
}

/// What the client's bytes have shown so far.
#[derive(Debug)]
pub struct Scanner {
    state: State,
    conflict: Arc<AtomicBool>,
}

impl Scanner {
    pub fn new(conflict: Arc<AtomicBool>) -> Self {
        Self {
            state: State::Head(Vec::new()),
            conflict,
        }
    }

    /// Follows `bytes`, the next ones the client sent.
    pub fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            bytes = match &mut self.state {
                State::Off => return,
                State::Head(buf) => {
                    let start = buf.len().saturating_sub(3);
                    buf.extend_from_slice(bytes);
                    match find(buf, b"\r\n\r\n", start) {
                        None => {
                            if buf.len() > MAX_HEAD {
                                self.state = State::Off;
                            }
                            return;
                        }
                        Some(at) => {
                            let end = at + 4;
                            let used = end - (buf.len() - bytes.len());
                            let head = std::mem::take(buf);
                            self.state = self.after_head(&head[..end]);
                            &bytes[used..]
                        }
                    }
                }
                State::Body(left) => {
                    let n = usize::try_from(*left)
                        .unwrap_or(usize::MAX)
                        .min(bytes.len());
                    *left -= n as u64;
                    if *left == 0 {
                        self.state = State::Head(Vec::new());
                    }
                    &bytes[n..]
                }
                State::ChunkSize(line) => {
                    let start = line.len().saturating_sub(1);
                    line.extend_from_slice(bytes);
                    match find(line, b"\r\n", start) {
                        None => {
                            if line.len() > MAX_LINE {
                                self.state = State::Off;
                            }
                            return;
                        }
                        Some(at) => {
                            let used = at + 2 - (line.len() - bytes.len());
                            let size = std::str::from_utf8(&line[..at])
                                .ok()
                                .map(|l| l.split(';').next().unwrap_or("").trim())
                                .and_then(|h| u64::from_str_radix(h, 16).ok());
                            self.state = match size {
                                None => State::Off,
                                Some(0) => State::Trailers(b"\r\n".to_vec()),
                                Some(n) => State::ChunkData(n),
                            };
                            &bytes[used..]
                        }
                    }
                }
                State::ChunkData(left) => {
                    let n = usize::try_from(*left)
                        .unwrap_or(usize::MAX)
                        .min(bytes.len());
                    *left -= n as u64;
                    if *left == 0 {
                        self.state = State::ChunkEnd(2);
                    }
                    &bytes[n..]
                }
                State::ChunkEnd(left) => {
                    let n = usize::from(*left).min(bytes.len());
                    *left -= n as u8;
                    if *left == 0 {
                        self.state = State::ChunkSize(Vec::new());
                    }
                    &bytes[n..]
                }
                State::Trailers(buf) => {
                    let start = buf.len().saturating_sub(3);
                    buf.extend_from_slice(bytes);
                    match find(buf, b"\r\n\r\n", start) {
                        None => {
                            if buf.len() > MAX_HEAD {
                                self.state = State::Off;
                            }
                            return;
                        }
                        Some(at) => {
                            let used = at + 4 - (buf.len() - bytes.len());
                            self.state = State::Head(Vec::new());
                            &bytes[used..]
                        }
                    }
                }
            };
        }
    }

    fn after_head(&self, head: &[u8]) -> State {
        let mut headers = [httparse::EMPTY_HEADER; 128];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(head) {
            Ok(httparse::Status::Complete(_)) => {}
            _ => return State::Off,
        }
        let (mut length, mut te, mut chunked, mut cl) = (None, false, false, false);
        for h in req.headers.iter() {
            if h.name.eq_ignore_ascii_case("transfer-encoding") {
                te = true;
                chunked = std::str::from_utf8(h.value).is_ok_and(|v| {
                    v.rsplit(',')
                        .next()
                        .is_some_and(|last| last.trim().eq_ignore_ascii_case("chunked"))
                });
            } else if h.name.eq_ignore_ascii_case("content-length") {
                cl = true;
                length = std::str::from_utf8(h.value)
                    .ok()
                    .and_then(|v| v.trim().parse::<u64>().ok());
            } else if h.name.eq_ignore_ascii_case("upgrade") {
                return State::Off;
            }
        }
        if te && cl {
            self.conflict.store(true, Ordering::Relaxed);
            return State::Off;
        }
        if req.method == Some("CONNECT") {
            return State::Off;
        }
        if te {
            // A non-chunked transfer coding: hyper refuses it.
            return if chunked {
                State::ChunkSize(Vec::new())
            } else {
                State::Off
            };
        }
        match (cl, length) {
            (false, _) | (true, Some(0)) => State::Head(Vec::new()),
            (true, Some(n)) => State::Body(n),
            // An unreadable Content-Length: hyper refuses it.
            (true, None) => State::Off,
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A connection whose incoming bytes a [`Scanner`] follows.
pub struct Watched<I> {
    io: I,
    scanner: Scanner,
}

impl<I> Watched<I> {
    pub fn new(io: I, conflict: Arc<AtomicBool>) -> Self {
        Self {
            io,
            scanner: Scanner::new(conflict),
        }
    }
}

impl<I: AsyncRead + Unpin> AsyncRead for Watched<I> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let this = &mut *self;
        let r = Pin::new(&mut this.io).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = r {
            this.scanner.feed(&buf.filled()[before..]);
        }
        r
    }
}

impl<I: AsyncWrite + Unpin> AsyncWrite for Watched<I> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conflicts(stream: &[u8], split: usize) -> bool {
        let flag = Arc::new(AtomicBool::new(false));
        let mut s = Scanner::new(Arc::clone(&flag));
        for piece in stream.chunks(split.max(1)) {
            s.feed(piece);
        }
        flag.load(Ordering::Relaxed)
    }

    #[test]
    fn both_framing_headers_are_flagged_in_any_order_and_any_split() {
        let a = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        let b = b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n";
        for split in [1, 2, 3, 7, 1000] {
            assert!(conflicts(a, split), "{split}");
            assert!(conflicts(b, split), "{split}");
        }
    }

    #[test]
    fn bodies_are_skipped_so_their_bytes_are_never_read_as_heads() {
        // A sized body and a chunked body that both contain what looks like a head with both
        // headers, then a clean request: nothing is flagged.
        let inner = "GET / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n";
        let sized = format!(
            "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{inner}",
            inner.len()
        );
        let chunked = format!(
            "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n{:x};ext=1\r\n{inner}\r\n0\r\nX-T: 1\r\n\r\n",
            inner.len()
        );
        let stream = format!("{sized}{chunked}GET /c HTTP/1.1\r\nHost: x\r\n\r\n");
        for split in [1, 5, 64, 10_000] {
            assert!(!conflicts(stream.as_bytes(), split), "{split}");
        }
        // And a smuggling head after them is still seen.
        let bad = format!(
            "{stream}POST /d HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
        );
        assert!(conflicts(bad.as_bytes(), 9));
    }
}
