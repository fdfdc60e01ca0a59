//! Vault albums: the built-in albums, the "All" album kept complete, album listing
//! (`GET /vault/albumsnew`), album paging (`GET /media/vaultnew`) and adding media
//! (`POST /vault/albums/media`).

use serde_json::{Value, json};

use super::{ALBUM_1000, ALBUM_5000, ALBUM_ALL, Album, AlbumMedia, VAULT_PAGE};
use crate::world::{Rejection, World};

/// Built-in albums: `(type, title, pos)`.
const BUILT_INS: [(i64, &str, i64); 3] = [
    (ALBUM_ALL, "All", 0),
    (ALBUM_1000, "Posts", 1),
    (ALBUM_5000, "Messages", 2),
];

/// Parameters of `GET /media/vaultnew`.
#[derive(Clone, Debug, Default)]
pub(crate) struct VaultQuery {
    pub album_id: Option<String>,
    /// `type=38000` picks the "All" album when no `albumId` is given.
    pub album_type: Option<i64>,
    /// 1 image, 2 video, 3 audio; `None` = any.
    pub media_type: Option<u8>,
    pub search: String,
    /// Strictly older than this entry id; `None` / 0 = newest first.
    pub before: Option<u64>,
}

fn id_num(id: &str) -> u64 {
    id.parse().unwrap_or(0)
}

fn secs(ms: i64) -> i64 {
    ms.div_euclid(1000)
}

impl World {
    /// Creates the built-in albums of `account_id` when missing, and puts every Media of
    /// the account into its "All" album.
    pub(crate) fn sync_vault(&mut self, account_id: &str, now: i64) {
        if !self.vault.albums_of.contains_key(account_id) {
            for (kind, title, pos) in BUILT_INS {
                let id = self.next_id(now);
                self.vault.albums.insert(
                    id.clone(),
                    Album {
                        id: id.clone(),
                        account_id: account_id.to_owned(),
                        title: title.to_owned(),
                        description: String::new(),
                        kind,
                        pos,
                        created_at: now,
                        entries: Vec::new(),
                    },
                );
                self.vault
                    .albums_of
                    .entry(account_id.to_owned())
                    .or_default()
                    .push(id);
            }
        }
        let Some(all) = self.all_album_id(account_id) else {
            return;
        };
        let mut missing: Vec<(String, i64)> = self
            .messaging
            .media
            .media
            .values()
            .filter(|m| m.account_id == account_id)
            .filter(|m| {
                !self.vault.albums[&all]
                    .entries
                    .iter()
                    .any(|e| e.media_id == m.id)
            })
            .map(|m| (m.id.clone(), m.created_at))
            .collect();
        missing.sort_by_key(|(id, created)| (*created, id_num(id)));
        let ids: Vec<String> = missing.into_iter().map(|(id, _)| id).collect();
        self.insert_album_entries(&all, &ids, now);
    }

    /// The id of the account's "All" album (after [`World::sync_vault`]).
    pub(crate) fn all_album_id(&self, account_id: &str) -> Option<String> {
        self.vault.albums_of.get(account_id).and_then(|ids| {
            ids.iter()
                .find(|id| self.vault.albums[*id].kind == ALBUM_ALL)
                .cloned()
        })
    }

    /// Adds entries for `media_ids` not yet in the album; returns every entry of those ids.
    fn insert_album_entries(
        &mut self,
        album_id: &str,
        media_ids: &[String],
        now: i64,
    ) -> Vec<AlbumMedia> {
        let mut out = Vec::new();
        for media_id in media_ids {
            let existing = self.vault.albums[album_id]
                .entries
                .iter()
                .find(|e| &e.media_id == media_id)
                .cloned();
            if let Some(entry) = existing {
                out.push(entry);
                continue;
            }
            let Some((media_type, filename)) =
                self.media(media_id).map(|m| (m.kind, m.filename.clone()))
            else {
                continue;
            };
            let entry = AlbumMedia {
                id: self.next_id(now),
                album_id: album_id.to_owned(),
                media_id: media_id.clone(),
                media_type,
                custom_filename: filename,
                created_at: now,
            };
            if let Some(album) = self.vault.albums.get_mut(album_id) {
                album.entries.push(entry.clone());
            }
            out.push(entry);
        }
        out
    }

    fn creator_only(&self, viewer: &str) -> Result<(), Rejection> {
        if self.is_creator(viewer) {
            Ok(())
        } else {
            Err(Rejection::Forbidden)
        }
    }

    /// `GET /vault/albumsnew`: `{albums, aggregationData:{media}}`, albums in `pos` order;
    /// `aggregationData.media` holds each album's newest Media (its cover).
    pub(crate) fn vault_albums(&mut self, viewer: &str, now: i64) -> Result<Value, Rejection> {
        self.creator_only(viewer)?;
        self.sync_vault(viewer, now);
        let mut albums: Vec<&Album> = self.vault.albums_of[viewer]
            .iter()
            .map(|id| &self.vault.albums[id])
            .collect();
        albums.sort_by_key(|a| (a.pos, id_num(&a.id)));
        let mut covers = Vec::new();
        let rendered: Vec<Value> = albums
            .iter()
            .map(|a| {
                let cover = a.entries.last().map(|e| e.media_id.clone());
                if let Some(m) = cover.as_deref().and_then(|id| self.media(id))
                    && !covers.iter().any(|c: &Value| c["id"] == m.id.as_str())
                {
                    covers.push(self.render_media(m, true, now));
                }
                json!({
                    "id": a.id,
                    "accountId": a.account_id,
                    "title": a.title,
                    "description": a.description,
                    "type": a.kind,
                    "pos": a.pos,
                    "itemCount": a.entries.len(),
                    "mediaId": cover,
                    "createdAt": secs(a.created_at),
                })
            })
            .collect();
        Ok(json!({ "albums": rendered, "aggregationData": { "media": covers } }))
    }

    /// `GET /media/vaultnew`: one page (50) of album entries, newest first, and their Media.
    pub(crate) fn vault_media(
        &mut self,
        viewer: &str,
        q: &VaultQuery,
        now: i64,
    ) -> Result<Value, Rejection> {
        self.creator_only(viewer)?;
        self.sync_vault(viewer, now);
        let album_id = match (&q.album_id, q.album_type) {
            (Some(id), _) => id.clone(),
            (None, Some(ALBUM_ALL)) => self.all_album_id(viewer).unwrap_or_default(),
            (None, Some(kind)) => self.vault.albums_of[viewer]
                .iter()
                .find(|id| self.vault.albums[*id].kind == kind)
                .cloned()
                .ok_or(Rejection::NotFound("album not found"))?,
            (None, None) => {
                return Err(Rejection::BadRequest("albumId: required".to_owned()));
            }
        };
        let album = match self.vault.albums.get(&album_id) {
            Some(album) if album.account_id == viewer => album,
            _ => return Err(Rejection::NotFound("album not found")),
        };
        let search = q.search.trim().to_ascii_lowercase();
        let before = q.before.filter(|b| *b != 0);
        let page: Vec<&AlbumMedia> = album
            .entries
            .iter()
            .rev()
            .filter(|e| before.is_none_or(|b| id_num(&e.id) < b))
            .filter(|e| q.media_type.is_none_or(|t| t == e.media_type))
            .filter(|e| {
                search.is_empty() || e.custom_filename.to_ascii_lowercase().contains(&search)
            })
            .take(VAULT_PAGE)
            .collect();
        let album_media: Vec<Value> = page
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "albumId": e.album_id,
                    "mediaId": e.media_id,
                    "mediaType": e.media_type,
                    "customFilename": e.custom_filename,
                    "createdAt": secs(e.created_at),
                })
            })
            .collect();
        let media: Vec<Value> = page
            .iter()
            .filter_map(|e| self.media(&e.media_id))
            .map(|m| self.render_media(m, true, now))
            .collect();
        Ok(json!({ "albumMedia": album_media, "media": media }))
    }

    /// `POST /vault/albums/media {albumId, mediaIds}`: adds the media (duplicates ignored)
    /// and returns the album entries of those media.
    pub(crate) fn vault_add_media(
        &mut self,
        viewer: &str,
        album_id: &str,
        media_ids: &[String],
        now: i64,
    ) -> Result<Value, Rejection> {
        self.creator_only(viewer)?;
        self.sync_vault(viewer, now);
        match self.vault.albums.get(album_id) {
            Some(album) if album.account_id == viewer => {}
            _ => return Err(Rejection::NotFound("album not found")),
        }
        for id in media_ids {
            self.own_media_ref(viewer, id)?;
        }
        let entries = self.insert_album_entries(album_id, media_ids, now);
        Ok(Value::Array(
            entries
                .iter()
                .map(|e| {
                    json!({
                        "id": e.id,
                        "albumId": e.album_id,
                        "mediaId": e.media_id,
                        "mediaType": e.media_type,
                        "customFilename": e.custom_filename,
                        "createdAt": secs(e.created_at),
                    })
                })
                .collect(),
        ))
    }

    fn own_media_ref(&self, owner: &str, id: &str) -> Result<(), Rejection> {
        match self.media(id) {
            Some(m) if m.account_id == owner => Ok(()),
            _ => Err(Rejection::BadRequest(format!(
                "mediaIds: unknown media {id}"
            ))),
        }
    }
}
