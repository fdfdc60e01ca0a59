//! The master key file: read it, or create it once with a fresh key, readable by its owner only.
//!
//! Creation never leaves a window in which the file exists with a wider mode or half-written:
//! the key is written to a temporary file opened `create_new` with mode 0600, synced, then
//! hard-linked to its final name (which fails if another process got there first, in which
//! case that process's key is read and used).

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write as _};
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use rand::{RngCore as _, rngs::OsRng};
use zeroize::Zeroizing;

use super::MasterKey;
use crate::StoreError;

pub(super) fn load_or_create(path: &Path) -> Result<MasterKey, StoreError> {
    if let Some(key) = read(path)? {
        return Ok(key);
    }
    create(path)
}

fn read(path: &Path) -> Result<Option<MasterKey>, StoreError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => Zeroizing::new(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(file_error(path, "cannot read", &e)),
    };
    let key = MasterKey::parse(&text).map_err(|e| match e {
        StoreError::InvalidKey(rule) => StoreError::KeyFile(format!("{}: {rule}", path.display())),
        other => other,
    })?;
    if let Ok(meta) = fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            path = %path.display(),
            mode = format!("{:o}", meta.permissions().mode() & 0o777),
            "master key file is readable by group or others; chmod 600 it"
        );
    }
    Ok(Some(key))
}

fn create(path: &Path) -> Result<MasterKey, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| file_error(dir, "cannot create directory", &e))?;
    }
    let key = MasterKey::generate();
    let tmp = temp_path(path);
    let written = write_new(&tmp, &key).and_then(|()| fs::hard_link(&tmp, path));
    let _ = fs::remove_file(&tmp);
    match written {
        Ok(()) => {
            tracing::info!(path = %path.display(), key_id = key.id(), "created master key file");
            Ok(key)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => read(path)?.ok_or_else(|| {
            StoreError::KeyFile(format!("{}: vanished while created", path.display()))
        }),
        Err(e) => Err(file_error(path, "cannot create", &e)),
    }
}

fn write_new(tmp: &Path, key: &MasterKey) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(tmp)?;
    file.write_all(key.to_hex().as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "master.key".into());
    path.with_file_name(format!(".{name}.{:08x}.tmp", OsRng.next_u32()))
}

fn file_error(path: &Path, what: &str, err: &io::Error) -> StoreError {
    StoreError::KeyFile(format!("{what} {}: {err}", path.display()))
}
