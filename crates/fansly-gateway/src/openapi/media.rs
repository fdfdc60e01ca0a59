//! Catalog: upload (`routes/media.rs`), download (`routes/media_download.rs`) and the vault
//! (`routes/vault.rs`). See docs/routes/media.md.

use serde_json::json;

use super::builder::{Body, Op, obj, op, t};

const MEDIA: &str = "Media and vault";

/// The four download routes answer the file's bytes (no envelope); errors are envelopes.
fn download(o: Op, post: bool) -> Op {
    let rule = "An absolute https URL on an allowed Fansly CDN origin (`--cdn-host`); anything else → 400 with no upstream request.";
    let url = json!({"type": "string", "maxLength": 4096,
        "pattern": "^[Hh][Tt][Tt][Pp][Ss]://[A-Za-z]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?(\\.[A-Za-z]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?)*(:[1-9][0-9]{0,3})?(/[^\\s]*)?$"});
    let o = if post {
        o.body(Body::new().fs("cdnUrl*", url, rule).schema())
    } else {
        o.qs("cdnUrl*", url, rule)
    };
    o.tag(MEDIA)
        .desc("Streams the CDN file through (Fansly's `content-type` and `content-length`); redirects followed up to 5 hops, each checked. CDN 401/403 → 403, 404 → 404, 429 → 429, 5xx → 502.")
        .ok_raw(200, "The file's bytes", "application/octet-stream", json!({"type": "string", "contentMediaType": "application/octet-stream"}))
        .errs(&[400, 403, 404, 429, 502, 504])
}

pub fn operations() -> Vec<Op> {
    vec![
        op("POST", "/{account_id}/media/upload", "uploadMedia", "Upload a file to the vault (HTTP 202)")
            .tag(MEDIA)
            .desc("Streams the file to disk and answers at once with a job id; the job then runs Fansly's upload flow. Poll the status route.")
            .body_as("multipart/form-data", json!({"type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "contentMediaType": "application/octet-stream", "minLength": 1,
                    "description": "The file; its part `Content-Type` is the mimetype (else guessed from the name). Not empty, at most `--max-upload-bytes`."}}}))
            .errs(&[408, 413, 415])
            .ok(202, "Accepted", obj("jobId:s")),
        op("GET", "/media/upload/{job_id}/status", "uploadStatus", "An upload job's state")
            .tag(MEDIA)
            .desc("Only the key that created the job sees it (another key's job → 404). No Fansly call.")
            .errs(&[404])
            .ok(200, "The job (flat `data`)", t("UploadJob")),
        download(op("GET", "/media/download", "downloadMediaGet", "Download CDN media").upstream(), false),
        download(op("POST", "/media/download", "downloadMedia", "Download CDN media").upstream(), true),
        download(op("GET", "/{account_id}/media/download", "downloadAccountMediaGet", "Download CDN media as an account"), false),
        download(op("POST", "/{account_id}/media/download", "downloadAccountMedia", "Download CDN media as an account"), true),
        op("GET", "/{account_id}/vault/albums", "vaultAlbums", "Vault albums")
            .tag(MEDIA)
            .proxied(200, "Unchanged", obj("albums:[Album] aggregationData:o")),
        op("GET", "/{account_id}/vault/albums/{album_id}/media", "vaultAlbumMedia", "Media of a vault album")
            .tag(MEDIA)
            .limit(50, 100)
            .paged(200, "Newest first; `media[].id` is what sends take in `mediaIds`", obj("media:[VaultRow] albumMedia:a cursor:Cursor nextCursor:Cursor")),
    ]
}
