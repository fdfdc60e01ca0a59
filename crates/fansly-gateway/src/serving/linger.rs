//! Lingering on a request body nobody read (nginx's "discard body").
//!
//! A route may answer before it has read the request's body: an upload over the limit by
//! its declared length, a bad key on a large POST. hyper then stops reading and closes the
//! connection after the answer, and a client still writing its body gets a broken pipe or a
//! reset instead of the answer (most HTTP clients, reqwest among them, report the write
//! error and never read the status). So a body dropped unfinished is read to its end and
//! thrown away by a task of its own, for at most [`LINGER`]: the client finishes writing,
//! reads the answer, and the connection stays usable. A client still sending after that
//! has its connection closed, as before.
//!
//! A request that asked for `Expect: 100-continue` is left alone: until the body is read
//! the client has not sent it, and hyper then closes without inviting it.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Bytes;
use http_body::{Body, Frame, SizeHint};

/// Longest a dropped body is read and thrown away.
pub const LINGER: Duration = Duration::from_secs(5);

/// A request body that, dropped before its end, is read to its end in the background.
pub struct Lingering<B: Body + Unpin + Send + 'static> {
    inner: Option<B>,
    /// Read the rest when dropped: not after the end, nor when the client waits for
    /// `100 Continue`.
    linger: bool,
}

impl<B: Body + Unpin + Send + 'static> Lingering<B> {
    /// The body of a request with these headers.
    pub fn new(inner: B, headers: &axum::http::HeaderMap) -> Self {
        Self {
            inner: Some(inner),
            linger: !headers.contains_key(axum::http::header::EXPECT),
        }
    }
}

impl<B> Body for Lingering<B>
where
    B: Body<Data = Bytes> + Unpin + Send + 'static,
{
    type Data = Bytes;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None | Some(Err(_)))) {
            self.linger = false;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), Body::size_hint)
    }
}

impl<B: Body + Unpin + Send + 'static> Drop for Lingering<B> {
    fn drop(&mut self) {
        let Some(mut inner) = self.inner.take() else {
            return;
        };
        if !self.linger || inner.is_end_stream() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        runtime.spawn(async move {
            let discard = async {
                // Frames, errors and all: only the end matters.
                while std::future::poll_fn(|cx| Pin::new(&mut inner).poll_frame(cx))
                    .await
                    .is_some_and(|frame| frame.is_ok())
                {}
            };
            if tokio::time::timeout(LINGER, discard).await.is_err() {
                tracing::debug!("a request body still arriving after its answer: closing");
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt as _;
    use tokio::sync::mpsc;

    type Chunk = Result<Frame<Bytes>, std::convert::Infallible>;

    /// A body whose frames a test sends.
    struct Channel(mpsc::Receiver<Chunk>);

    impl Body for Channel {
        type Data = Bytes;
        type Error = std::convert::Infallible;

        fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Chunk>> {
            self.0.poll_recv(cx)
        }
    }

    fn channel_body() -> (mpsc::Sender<Chunk>, Lingering<Channel>) {
        let (tx, rx) = mpsc::channel(1);
        (
            tx,
            Lingering::new(Channel(rx), &axum::http::HeaderMap::new()),
        )
    }

    fn chunk(s: &'static str) -> Chunk {
        Ok(Frame::data(Bytes::from_static(s.as_bytes())))
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_dropped_unread_is_read_to_its_end_then_let_go_of() {
        let (tx, body) = channel_body();
        let start = tokio::time::Instant::now();
        drop(body);
        // Read on: the channel (capacity 1) takes chunk after chunk at once (unread, the
        // second send would wait until the linger time let the body go, and then fail).
        for _ in 0..10 {
            tx.send(chunk("more")).await.unwrap();
        }
        assert_eq!(start.elapsed(), Duration::ZERO);
        drop(tx);
    }

    #[tokio::test(start_paused = true)]
    async fn a_body_that_does_not_end_is_given_up_after_the_linger_time() {
        let (tx, body) = channel_body();
        drop(body);
        tx.send(chunk("a")).await.unwrap();
        tokio::time::sleep(LINGER - Duration::from_millis(10)).await;
        assert!(!tx.is_closed(), "given up early");
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(tx.is_closed(), "still read after the linger time");
    }

    #[tokio::test]
    async fn a_body_read_to_its_end_leaves_nothing_behind() {
        let (tx, mut body) = channel_body();
        tx.send(chunk("all")).await.unwrap();
        drop(tx);
        let got = (&mut body).collect().await.unwrap().to_bytes();
        assert_eq!(got, "all");
        let tasks = || {
            tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks()
        };
        assert_eq!(tasks(), 0);
        drop(body);
        assert_eq!(tasks(), 0, "a task to read what was already read");
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_that_expects_100_continue_is_not_lingered_on() {
        let (tx, rx) = mpsc::channel(1);
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            axum::http::header::EXPECT,
            axum::http::HeaderValue::from_static("100-continue"),
        );
        drop(Lingering::new(Channel(rx), &headers));
        assert!(tx.is_closed());
    }
}
