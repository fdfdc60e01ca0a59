//! Typed media and vault calls (route-map §1.14, §1.15): the [media] upload host (create →
//! presigned part PUTs → complete → poll), the vault reads, and CDN reads.
//!
//! Upload-host calls go to [`crate::FanslyConfig::media_base`] with the usual session
//! headers. Part PUTs go to the presigned `uploadUrl` with **no** Fansly headers at all;
//! CDN reads carry only the `CloudFront-*` cookies when the caller passes them.

use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, COOKIE, ETAG, LOCATION};
use serde_json::{Value, json};

use crate::{Auth, FanslyClient, FanslyError, NativeRequest, NativeResponse, SessionCreds, tally};

/// One part of a created upload: where its bytes go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadPart {
    pub index: u64,
    pub upload_url: String,
}

/// A CDN answer whose body has not been read yet.
#[derive(Debug)]
pub struct CdnResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub content_length: Option<u64>,
    /// The `location` header of a redirect.
    pub location: Option<String>,
    inner: reqwest::Response,
}

impl CdnResponse {
    /// The next chunk of the body; `None` at the end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, FanslyError> {
        Ok(self
            .inner
            .chunk()
            .await
            .map_err(io_error)?
            .map(|b| b.to_vec()))
    }
}

fn io_error(e: reqwest::Error) -> FanslyError {
    if e.is_timeout() {
        return FanslyError::Timeout;
    }
    let e = e.without_url();
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(cause) = source {
        msg.push_str(": ");
        msg.push_str(&cause.to_string());
        source = cause.source();
    }
    FanslyError::Transport(msg)
}

fn session(s: &SessionCreds) -> Auth<'_> {
    Auth::Session(s)
}

pub(crate) fn upload_create_request<'a>(
    s: &'a SessionCreds,
    file_size: u64,
    mime_type: &str,
    file_name: &str,
) -> NativeRequest<'a> {
    NativeRequest::post(
        "/media/upload/create",
        json!({
            "fileSize": file_size,
            "mimeType": mime_type,
            "fileName": file_name,
            "uploadFormData": "",
        }),
        session(s),
    )
}

pub(crate) fn upload_complete_request<'a>(
    s: &'a SessionCreds,
    created: &Value,
    etags: &[(u64, String)],
) -> NativeRequest<'a> {
    let parts: Vec<Value> = etags
        .iter()
        .map(|(index, etag)| json!({ "index": index, "eTag": format!("\"{}\"", etag.trim_matches('"')) }))
        .collect();
    NativeRequest::post(
        "/media/upload/complete",
        json!({
            "id": created["id"],
            "type": created["type"],
            "partSize": created["partSize"],
            "status": 0,
            "parts": parts,
            "waitForComplete": 0,
        }),
        session(s),
    )
}

pub(crate) fn vault_media_request<'a>(
    s: &'a SessionCreds,
    album_id: &str,
    before: Option<&str>,
) -> NativeRequest<'a> {
    NativeRequest::get("/media/vaultnew", session(s))
        .query("albumId", album_id.to_owned())
        .query("mediaType", String::new())
        .query("search", String::new())
        .query("before", before.unwrap_or("0").to_owned())
        .query("after", "0".to_owned())
}

/// The parts of a `POST /media/upload/create` answer.
pub fn upload_parts(created: &Value) -> Result<Vec<UploadPart>, FanslyError> {
    let parts = created["parts"]
        .as_array()
        .ok_or_else(|| FanslyError::Malformed("upload/create: no parts".into()))?;
    parts
        .iter()
        .map(|p| {
            let index = p["index"].as_u64().ok_or_else(|| {
                FanslyError::Malformed("upload/create: part without index".into())
            })?;
            let upload_url = p["uploadUrl"]
                .as_str()
                .ok_or_else(|| {
                    FanslyError::Malformed("upload/create: part without uploadUrl".into())
                })?
                .to_owned();
            Ok(UploadPart { index, upload_url })
        })
        .collect()
}

impl FanslyClient {
    /// **[media]** `POST /media/upload/create {fileSize, mimeType, fileName, uploadFormData:""}`
    /// → `{id, type, partSize, parts:[{index, uploadUrl}]}`.
    pub async fn upload_create(
        &self,
        s: &SessionCreds,
        file_size: u64,
        mime_type: &str,
        file_name: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let base = self.config().media_base.clone();
        self.call_on(
            &base,
            upload_create_request(s, file_size, mime_type, file_name),
        )
        .await
    }

    /// `PUT <uploadUrl>` with one part's bytes and no auth headers; returns the `ETag`
    /// (quotes removed).
    pub async fn upload_part(
        &self,
        upload_url: &str,
        bytes: Vec<u8>,
    ) -> Result<String, FanslyError> {
        let started = std::time::Instant::now();
        let sent = self
            .http()?
            .put(upload_url)
            .header(CONTENT_LENGTH, bytes.len())
            .body(bytes)
            .send()
            .await
            .map_err(io_error);
        tally::record(tally::Outcome::of(&sent), started.elapsed(), 0);
        let resp = sent?;
        let status = resp.status().as_u16();
        let etag = resp
            .headers()
            .get(ETAG)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().trim_matches('"').to_owned());
        match (status, etag) {
            (200..=299, Some(etag)) if !etag.is_empty() => Ok(etag),
            (200..=299, _) => Err(FanslyError::Malformed(
                "part upload answered no ETag".into(),
            )),
            (500..=599, _) => Err(FanslyError::Server { status }),
            _ => Err(FanslyError::Rejected {
                status,
                code: None,
                details: resp.text().await.unwrap_or_default(),
            }),
        }
    }

    /// **[media]** `POST /media/upload/complete {id, type, partSize, status:0,
    /// parts:[{index, eTag:"\"…\""}], waitForComplete:0}`.
    pub async fn upload_complete(
        &self,
        s: &SessionCreds,
        created: &Value,
        etags: &[(u64, String)],
    ) -> Result<NativeResponse, FanslyError> {
        let base = self.config().media_base.clone();
        self.call_on(&base, upload_complete_request(s, created, etags))
            .await
    }

    /// **[media]** `GET /media/upload/{id}` → `{id, status, mediaId, media}`.
    pub async fn upload_status(
        &self,
        s: &SessionCreds,
        upload_id: &str,
    ) -> Result<NativeResponse, FanslyError> {
        let base = self.config().media_base.clone();
        let path = format!("/media/upload/{upload_id}");
        self.call_on(&base, NativeRequest::get(&path, session(s)))
            .await
    }

    /// `GET /vault/albumsnew` → `{albums:[{id, title, type, itemCount…}], aggregationData:{media}}`.
    pub async fn vault_albums(&self, s: &SessionCreds) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::get("/vault/albumsnew", session(s)))
            .await
    }

    /// `GET /media/vaultnew?albumId&mediaType=&search=&before=<id or 0>&after=0` →
    /// `{albumMedia:[{id, mediaId, mediaType, customFilename}], media:[Media]}`, newest first.
    pub async fn vault_media(
        &self,
        s: &SessionCreds,
        album_id: &str,
        before: Option<&str>,
    ) -> Result<NativeResponse, FanslyError> {
        self.call(vault_media_request(s, album_id, before)).await
    }

    /// `POST /vault/albums/media {albumId, mediaIds}`.
    pub async fn vault_album_add_media(
        &self,
        s: &SessionCreds,
        album_id: &str,
        media_ids: &[&str],
    ) -> Result<NativeResponse, FanslyError> {
        self.call(NativeRequest::post(
            "/vault/albums/media",
            json!({ "albumId": album_id, "mediaIds": media_ids }),
            session(s),
        ))
        .await
    }

    /// **[cdn]** `GET <url>` with no Fansly headers (only `CloudFront-*` cookies when
    /// given), without following redirects: the caller checks each `location` first.
    pub async fn cdn_get(
        &self,
        url: &str,
        cookie: Option<&str>,
    ) -> Result<CdnResponse, FanslyError> {
        let mut req = self.http()?.get(url);
        if let Some(cookie) = cookie {
            req = req.header(COOKIE, cookie);
        }
        let started = std::time::Instant::now();
        let sent = req.send().await.map_err(io_error);
        tally::record(
            tally::Outcome::of(&sent),
            started.elapsed(),
            sent.as_ref()
                .ok()
                .and_then(reqwest::Response::content_length)
                .unwrap_or(0),
        );
        let inner = sent?;
        let header = |name| {
            inner
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        Ok(CdnResponse {
            status: inner.status().as_u16(),
            content_type: header(CONTENT_TYPE),
            content_length: inner.content_length(),
            location: header(LOCATION),
            inner,
        })
    }
}

#[cfg(test)]
mod tests {
    use secrecy::SecretString;

    use super::*;

    fn creds() -> SessionCreds {
        SessionCreds {
            token: SecretString::from("t"),
            session_id: "s".into(),
            device_id: "d".into(),
        }
    }

    #[test]
    fn create_and_complete_bodies_follow_the_upload_flow() {
        let s = creds();
        let req = upload_create_request(&s, 10, "image/png", "a.png");
        assert_eq!(req.path, "/media/upload/create");
        assert_eq!(
            req.body.unwrap(),
            json!({"fileSize":10,"mimeType":"image/png","fileName":"a.png","uploadFormData":""})
        );
        let created = json!({"id":"9","type":1,"partSize":5,"parts":[]});
        let req = upload_complete_request(&s, &created, &[(0, "abc".into())]);
        assert_eq!(
            req.body.unwrap(),
            json!({"id":"9","type":1,"partSize":5,"status":0,
                   "parts":[{"index":0,"eTag":"\"abc\""}],"waitForComplete":0})
        );
    }

    #[test]
    fn vault_media_sends_before_zero_on_the_first_page() {
        let s = creds();
        let req = vault_media_request(&s, "7", None);
        assert_eq!(req.path, "/media/vaultnew");
        assert_eq!(
            req.query,
            vec![
                ("albumId", "7".to_owned()),
                ("mediaType", String::new()),
                ("search", String::new()),
                ("before", "0".to_owned()),
                ("after", "0".to_owned()),
            ]
        );
    }
}
