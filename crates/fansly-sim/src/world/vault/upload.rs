//! The upload host (route-map §4.5): `POST /media/upload/create` → part `PUT`s to the
//! presigned `uploadUrl`s (each answers an `ETag`) → `POST /media/upload/complete` →
//! `GET /media/upload/{id}` polls. Status moves 1 created → 2 uploading (first part) →
//! 3 uploaded (all parts) → 4 completing (complete called) → 5 → 6, one step per poll after
//! completion (`polls_to_complete`, 3 by default). At 6 the Media is created with the
//! uploaded bytes, and (2,5 `media`) goes to the owner.

use std::sync::Arc;

use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Blob;
use crate::world::media::media_type_of;
use crate::world::{Rejection, World};

/// Fansly's usual part size (5 MiB).
pub(crate) const PART_SIZE: u64 = 5 * 1024 * 1024;
/// Largest upload the simulator accepts (4 GiB).
const MAX_FILE_SIZE: u64 = 4 * 1024 * 1024 * 1024;

/// `POST /media/upload/create` body.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NewUpload {
    pub file_size: Option<u64>,
    pub mime_type: Option<String>,
    pub file_name: Option<String>,
}

/// `POST /media/upload/complete` body (`type`, `partSize`, `status`, `waitForComplete` are
/// accepted and ignored).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct UploadCompletion {
    pub id: Option<String>,
    #[serde(default)]
    pub parts: Vec<CompletedPart>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CompletedPart {
    pub index: u64,
    #[serde(rename = "eTag", alias = "etag", alias = "ETag")]
    pub e_tag: String,
}

/// What a part `PUT` answers.
#[derive(Debug)]
pub(crate) enum PartPut {
    Stored {
        etag: String,
    },
    /// 403: unknown upload, bad signature or part index.
    Denied(&'static str),
    /// 400: the part has the wrong length, or the upload no longer takes parts.
    Bad(String),
}

#[derive(Clone, Debug)]
struct Part {
    index: u64,
    token: String,
    etag: Option<String>,
    data: Option<Arc<Vec<u8>>>,
}

/// One upload.
#[derive(Clone, Debug)]
pub(crate) struct Upload {
    id: String,
    account_id: String,
    kind: u8,
    part_size: u64,
    parts: Vec<Part>,
    file_size: u64,
    mime_type: String,
    file_name: String,
    status: u8,
    media_id: Option<String>,
    created_at: i64,
    polls: u32,
}

fn token(secret: &[u8; 32], upload_id: &str, index: u64) -> String {
    let mut h = Sha256::new();
    h.update(secret);
    h.update(upload_id.as_bytes());
    h.update(index.to_le_bytes());
    hex::encode(&h.finalize()[..16])
}

fn unquote(etag: &str) -> &str {
    etag.trim().trim_matches('"')
}

impl Upload {
    fn part_len(&self, index: u64) -> u64 {
        let start = index * self.part_size;
        self.file_size.saturating_sub(start).min(self.part_size)
    }

    fn render(&self, parts_base: Option<&str>) -> Value {
        let parts: Vec<Value> = self
            .parts
            .iter()
            .map(|p| {
                let mut v = json!({ "index": p.index, "eTag": p.etag });
                if let Some(base) = parts_base {
                    v["uploadUrl"] = Value::from(format!(
                        "{base}/upload-parts/{}/{}?X-Amz-Signature={}",
                        self.id, p.index, p.token
                    ));
                }
                v
            })
            .collect();
        json!({
            "id": self.id,
            "accountId": self.account_id,
            "type": self.kind,
            "partSize": self.part_size,
            "parts": parts,
            "fileSize": self.file_size,
            "mimeType": self.mime_type,
            "fileName": self.file_name,
            "status": self.status,
            "mediaId": self.media_id,
            "createdAt": self.created_at,
        })
    }
}

impl World {
    /// `POST /media/upload/create`; part URLs are rooted at `parts_base` (the host the
    /// request reached, e.g. `http://127.0.0.1:PORT`).
    pub(crate) fn upload_create(
        &mut self,
        viewer: &str,
        new: NewUpload,
        parts_base: &str,
        now: i64,
    ) -> Result<Value, Rejection> {
        let size = new.file_size.unwrap_or(0);
        if size == 0 || size > MAX_FILE_SIZE {
            return Err(Rejection::BadRequest(
                "fileSize: between 1 byte and 4 GiB".to_owned(),
            ));
        }
        let mime_type = new
            .mime_type
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if mime_type.is_empty() || !mime_type.contains('/') {
            return Err(Rejection::BadRequest("mimeType: required".to_owned()));
        }
        let id = self.next_id(now);
        let count = size.div_ceil(PART_SIZE);
        let parts = (0..count)
            .map(|index| Part {
                index,
                token: token(&self.vault.secret, &id, index),
                etag: None,
                data: None,
            })
            .collect();
        let upload = Upload {
            id: id.clone(),
            account_id: viewer.to_owned(),
            kind: if media_type_of(&mime_type) == 2 { 2 } else { 1 },
            part_size: PART_SIZE,
            parts,
            file_size: size,
            mime_type,
            file_name: new.file_name.unwrap_or_default(),
            status: 1,
            media_id: None,
            created_at: now,
            polls: 0,
        };
        let rendered = upload.render(Some(parts_base.trim_end_matches('/')));
        self.vault.uploads.insert(id, upload);
        Ok(rendered)
    }

    /// A part `PUT` (presigned: no session needed, the signature is the token).
    pub(crate) fn upload_part(
        &mut self,
        upload_id: &str,
        index: u64,
        signature: &str,
        bytes: Vec<u8>,
    ) -> PartPut {
        let Some(upload) = self.vault.uploads.get_mut(upload_id) else {
            return PartPut::Denied("unknown upload");
        };
        let Some(pos) = upload.parts.iter().position(|p| p.index == index) else {
            return PartPut::Denied("unknown part");
        };
        if upload.parts[pos].token != signature {
            return PartPut::Denied("signature does not match");
        }
        if upload.status > 3 {
            return PartPut::Bad("the upload is already completed".to_owned());
        }
        let expected = upload.part_len(index);
        if bytes.len() as u64 != expected {
            return PartPut::Bad(format!(
                "part {index} must be {expected} bytes, got {}",
                bytes.len()
            ));
        }
        let etag = hex::encode(&Sha256::digest(&bytes)[..16]);
        let part = &mut upload.parts[pos];
        part.etag = Some(etag.clone());
        part.data = Some(Arc::new(bytes));
        upload.status = if upload.parts.iter().all(|p| p.data.is_some()) {
            3
        } else {
            2
        };
        PartPut::Stored { etag }
    }

    /// `POST /media/upload/complete`: every part received, with matching eTags.
    pub(crate) fn upload_complete(
        &mut self,
        viewer: &str,
        body: &UploadCompletion,
    ) -> Result<Value, Rejection> {
        let id = body.id.as_deref().unwrap_or_default();
        let upload = match self.vault.uploads.get_mut(id) {
            Some(u) if u.account_id == viewer => u,
            _ => return Err(Rejection::NotFound("upload not found")),
        };
        if upload.status < 3 {
            return Err(Rejection::BadRequest(
                "parts: not every part was uploaded".to_owned(),
            ));
        }
        for part in &upload.parts {
            let given = body.parts.iter().find(|p| p.index == part.index);
            match (given, &part.etag) {
                (Some(g), Some(etag)) if unquote(&g.e_tag) == etag => {}
                _ => {
                    return Err(Rejection::BadRequest(format!(
                        "parts: missing or wrong eTag for part {}",
                        part.index
                    )));
                }
            }
        }
        if upload.status == 3 {
            upload.status = 4;
        }
        Ok(upload.render(None))
    }

    /// `GET /media/upload/{id}`: advances a completed upload one step; at 6 the Media exists.
    pub(crate) fn upload_poll(
        &mut self,
        viewer: &str,
        id: &str,
        now: i64,
    ) -> Result<Value, Rejection> {
        let needed = self.vault.polls_to_complete.max(1);
        let upload = match self.vault.uploads.get_mut(id) {
            Some(u) if u.account_id == viewer => u,
            _ => return Err(Rejection::NotFound("upload not found")),
        };
        if (4..6).contains(&upload.status) {
            upload.polls += 1;
            upload.status = if upload.polls >= needed {
                6
            } else if upload.polls + 1 >= needed {
                5
            } else {
                4
            };
            if upload.status == 6 {
                self.finish_upload(id, now);
            }
        }
        let upload = &self.vault.uploads[id];
        let mut rendered = upload.render(None);
        rendered["media"] = upload
            .media_id
            .as_deref()
            .and_then(|m| self.media(m))
            .map_or(Value::Null, |m| self.render_media(m, true, now));
        Ok(rendered)
    }

    /// Status 6: the Media with the uploaded bytes; the parts are dropped.
    fn finish_upload(&mut self, id: &str, now: i64) {
        let Some(upload) = self.vault.uploads.get_mut(id) else {
            return;
        };
        let mut bytes = Vec::with_capacity(usize::try_from(upload.file_size).unwrap_or(0));
        for part in &mut upload.parts {
            if let Some(data) = part.data.take() {
                bytes.extend_from_slice(&data);
            }
        }
        let (owner, mime, name) = (
            upload.account_id.clone(),
            upload.mime_type.clone(),
            upload.file_name.clone(),
        );
        let media_id = self.create_media(&owner, &mime, now);
        if let Some(media) = self.messaging.media.media.get_mut(&media_id)
            && !name.trim().is_empty()
        {
            media.filename = name.trim().to_owned();
        }
        self.vault.blobs.insert(
            media_id.clone(),
            Blob {
                bytes: Arc::new(bytes),
                content_type: mime,
            },
        );
        if let Some(upload) = self.vault.uploads.get_mut(id) {
            upload.media_id = Some(media_id.clone());
        }
        if let Some(media) = self.media(&media_id) {
            let rendered = self.render_media(media, true, now);
            self.emit(&[owner.as_str()], (2, 5, "media"), &rendered, now);
        }
    }
}
