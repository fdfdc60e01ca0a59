//! A streaming `multipart/form-data` reader: it finds the `file` field and writes its bytes
//! to a spool file as they arrive, never holding the upload in memory (only a window a
//! little larger than one network chunk). Other fields are read and dropped.

use std::path::Path;

use axum::body::Body;
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

/// Largest header block of one part.
const MAX_PART_HEADERS: usize = 16 * 1024;
/// Largest non-file field kept in memory (it is dropped anyway).
const MAX_FIELD: usize = 64 * 1024;

/// The spooled `file` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpooledFile {
    pub file_name: String,
    /// The part's `content-type`, if it sent one.
    pub content_type: Option<String>,
    pub size: u64,
}

/// Why the body could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum MultipartError {
    /// 400: not multipart, malformed, or no (or an empty) `file` field.
    Bad(String),
    /// 413: the file is larger than the limit.
    TooLarge,
    /// 408: the body paused longer than the body idle timeout.
    TimedOut,
    /// 500: the spool file could not be written.
    Io(String),
}

/// The `boundary` parameter of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut parts = content_type.split(';');
    let kind = parts.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_owned())
            .filter(|b| !b.is_empty() && b.len() <= 200)
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = from;
    while i + needle.len() <= haystack.len() {
        match haystack[i..=haystack.len() - needle.len()]
            .iter()
            .position(|b| *b == first)
        {
            None => return None,
            Some(off) => {
                let at = i + off;
                if &haystack[at..at + needle.len()] == needle {
                    return Some(at);
                }
                i = at + 1;
            }
        }
    }
    None
}

/// A `name="…"` / `filename="…"` parameter of a `content-disposition` header.
fn disposition_param(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

struct Reader {
    stream: axum::body::BodyDataStream,
    buf: Vec<u8>,
    done: bool,
}

impl Reader {
    /// Reads one more chunk into the buffer; false at the end of the body.
    async fn fill(&mut self) -> Result<bool, MultipartError> {
        if self.done {
            return Ok(false);
        }
        match self.stream.next().await {
            Some(Ok(chunk)) => {
                self.buf.extend_from_slice(&chunk);
                Ok(true)
            }
            Some(Err(e)) if crate::http::json::is_body_timeout(&e) => Err(MultipartError::TimedOut),
            Some(Err(e)) => Err(MultipartError::Bad(format!("reading the body: {e}"))),
            None => {
                self.done = true;
                Ok(false)
            }
        }
    }
}

/// Reads `body` and spools its `file` field to `path` (created; removed on failure by the
/// caller), refusing more than `max` bytes of file.
pub async fn spool_file(
    body: Body,
    boundary: &str,
    path: &Path,
    max: u64,
) -> Result<SpooledFile, MultipartError> {
    let mut r = Reader {
        stream: body.into_data_stream(),
        buf: Vec::new(),
        done: false,
    };
    let opening = format!("--{boundary}").into_bytes();
    let delimiter = format!("\r\n--{boundary}").into_bytes();
    // Preamble: up to the first boundary line.
    let mut pos = loop {
        if let Some(at) = find(&r.buf, &opening, 0) {
            break at + opening.len();
        }
        if r.buf.len() > MAX_FIELD {
            return Err(MultipartError::Bad(
                "file: no multipart boundary found".into(),
            ));
        }
        if !r.fill().await? {
            return Err(MultipartError::Bad(
                "file: no multipart boundary found".into(),
            ));
        }
    };
    let mut found: Option<SpooledFile> = None;
    loop {
        // After a boundary: `--` ends the body, CRLF starts a part.
        while r.buf.len() < pos + 2 {
            if !r.fill().await? {
                return Err(MultipartError::Bad("file: truncated multipart body".into()));
            }
        }
        if &r.buf[pos..pos + 2] == b"--" {
            break;
        }
        if &r.buf[pos..pos + 2] != b"\r\n" {
            return Err(MultipartError::Bad(
                "file: malformed multipart boundary".into(),
            ));
        }
        pos += 2;
        // Headers.
        let headers_end = loop {
            if let Some(at) = find(&r.buf, b"\r\n\r\n", pos) {
                break at;
            }
            if r.buf.len() - pos > MAX_PART_HEADERS {
                return Err(MultipartError::Bad("file: part headers too large".into()));
            }
            if !r.fill().await? {
                return Err(MultipartError::Bad("file: truncated multipart body".into()));
            }
        };
        let headers = String::from_utf8_lossy(&r.buf[pos..headers_end]).into_owned();
        r.buf.drain(..headers_end + 4);
        pos = 0;
        let mut name = None;
        let mut file_name = None;
        let mut content_type = None;
        for line in headers.split("\r\n") {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let (k, v) = (k.trim(), v.trim());
            if k.eq_ignore_ascii_case("content-disposition") {
                name = disposition_param(v, "name");
                file_name = disposition_param(v, "filename");
            } else if k.eq_ignore_ascii_case("content-type") {
                content_type = Some(v.to_owned()).filter(|v| !v.is_empty());
            }
        }
        let is_file = name.as_deref() == Some("file") && found.is_none();
        let mut out = if is_file {
            Some(
                tokio::fs::File::create(path)
                    .await
                    .map_err(|e| MultipartError::Io(format!("creating the spool file: {e}")))?,
            )
        } else {
            None
        };
        let mut size: u64 = 0;
        let mut kept: usize = 0;
        // Body up to the next delimiter; everything but a possible delimiter prefix is flushed.
        loop {
            if let Some(at) = find(&r.buf, &delimiter, 0) {
                let data = &r.buf[..at];
                size += data.len() as u64;
                if is_file && size > max {
                    return Err(MultipartError::TooLarge);
                }
                if let Some(f) = out.as_mut() {
                    f.write_all(data)
                        .await
                        .map_err(|e| MultipartError::Io(e.to_string()))?;
                }
                r.buf.drain(..at + delimiter.len());
                break;
            }
            let safe = r.buf.len().saturating_sub(delimiter.len() - 1);
            if safe > 0 {
                size += safe as u64;
                if is_file && size > max {
                    return Err(MultipartError::TooLarge);
                }
                if let Some(f) = out.as_mut() {
                    f.write_all(&r.buf[..safe])
                        .await
                        .map_err(|e| MultipartError::Io(e.to_string()))?;
                } else {
                    kept += safe;
                    if kept > MAX_FIELD {
                        return Err(MultipartError::Bad(format!(
                            "{}: form fields other than `file` are limited to {MAX_FIELD} bytes",
                            name.as_deref().unwrap_or("field")
                        )));
                    }
                }
                r.buf.drain(..safe);
            }
            if !r.fill().await? {
                return Err(MultipartError::Bad("file: truncated multipart body".into()));
            }
        }
        if let Some(mut f) = out {
            f.flush()
                .await
                .map_err(|e| MultipartError::Io(e.to_string()))?;
            found = Some(SpooledFile {
                file_name: file_name.unwrap_or_default(),
                content_type,
                size,
            });
        }
    }
    match found {
        None => Err(MultipartError::Bad(
            "file is required: send multipart/form-data with a `file` field".into(),
        )),
        Some(f) if f.size == 0 => Err(MultipartError::Bad("file must not be empty".into())),
        Some(f) => Ok(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body_of(chunks: Vec<Vec<u8>>) -> Body {
        let stream = futures_util::stream::iter(chunks.into_iter().map(Ok::<_, std::io::Error>));
        Body::from_stream(stream)
    }

    fn form(file: &[u8]) -> Vec<u8> {
        let mut b = b"--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n".to_vec();
        b.extend_from_slice(file);
        b.extend_from_slice(b"\r\n--XyZ--\r\n");
        b
    }

    #[test]
    fn boundaries_are_read_from_the_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=abc").as_deref(),
            Some("abc")
        );
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(boundary("application/json"), None);
        assert_eq!(boundary("multipart/form-data"), None);
    }

    #[tokio::test]
    async fn the_file_field_is_spooled_across_any_chunking() {
        let dir = tempfile::tempdir().unwrap();
        let file: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = form(&file);
        for size in [1, 3, 17, 4096, whole.len()] {
            let path = dir.path().join(format!("f{size}"));
            let chunks = whole.chunks(size).map(<[u8]>::to_vec).collect();
            let got = spool_file(body_of(chunks), "XyZ", &path, 1 << 20)
                .await
                .unwrap();
            assert_eq!(got.file_name, "a.png");
            assert_eq!(got.content_type.as_deref(), Some("image/png"));
            assert_eq!(got.size, file.len() as u64);
            assert_eq!(std::fs::read(&path).unwrap(), file);
        }
    }

    #[tokio::test]
    async fn missing_empty_and_oversized_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x");
        let no_file =
            b"--XyZ\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nv\r\n--XyZ--\r\n"
                .to_vec();
        assert!(matches!(
            spool_file(body_of(vec![no_file]), "XyZ", &p, 100).await,
            Err(MultipartError::Bad(_))
        ));
        assert!(matches!(
            spool_file(body_of(vec![form(b"")]), "XyZ", &p, 100).await,
            Err(MultipartError::Bad(_))
        ));
        assert_eq!(
            spool_file(body_of(vec![form(&[1; 101])]), "XyZ", &p, 100).await,
            Err(MultipartError::TooLarge)
        );
    }
}
