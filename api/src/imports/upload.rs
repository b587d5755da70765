//! An import file as the handlers get it: read from the request body only once an import
//! slot is free, within the upload limit, and kept with its slot until the import is done.
//!
//! A slot is held from reading the body to the answer, so `MAX_CONCURRENT_IMPORTS` bounds
//! both the bodies held in memory and the imports run at once: N uploads cannot multiply
//! the memory of one. An upload that finds no free slot within `IMPORT_QUEUE_SECONDS` is
//! answered 503 `import_busy` with `Retry-After`.

use super::limits::ImportLimits;
use super::table::{self, Format, Table};
use crate::config::Config;
use crate::error::ApiError;
use actix_web::http::header;
use actix_web::{web, HttpRequest};
use futures_util::StreamExt;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The import slots of one process.
#[derive(Clone)]
pub struct ImportSlots {
    semaphore: Arc<Semaphore>,
    slots: usize,
    wait: Duration,
}

impl ImportSlots {
    /// `MAX_CONCURRENT_IMPORTS` slots (at least one), waited for at most
    /// `IMPORT_QUEUE_SECONDS`.
    pub fn new(config: &Config) -> ImportSlots {
        let slots = config.max_concurrent_imports.max(1);
        ImportSlots {
            semaphore: Arc::new(Semaphore::new(slots)),
            slots,
            wait: Duration::from_secs(config.import_queue_seconds),
        }
    }

    /// Waits for a free slot.
    ///
    /// Errors: 503 `import_busy` (with `Retry-After`) when none frees up in time.
    async fn acquire(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        let permit = self.semaphore.clone().acquire_owned();
        match actix_web::rt::time::timeout(self.wait, permit).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(ApiError::ImportsBusy(self.slots as u64)),
        }
    }
}

/// An uploaded import file with its slot (released when the upload is dropped).
pub struct Upload {
    /// The request's `Content-Type`.
    pub content_type: Option<String>,
    /// The file (decoded when the request had a `Content-Encoding`).
    pub body: web::Bytes,
    /// The bounds its reader keeps to.
    pub limits: ImportLimits,
    slot: OwnedSemaphorePermit,
}

impl Upload {
    /// Takes a slot, then reads the body, at most `MAX_UPLOAD_BYTES` of it (decoded).
    ///
    /// Errors: 503 `import_busy` when no slot frees up; 413 `payload_too_large` over the
    /// upload limit; 400 for a body that breaks off (a body that stalls is answered 408
    /// by the body deadline, see `crate::body_deadline`).
    pub async fn read(req: &HttpRequest, payload: web::Payload) -> Result<Upload, ApiError> {
        let config = req
            .app_data::<web::Data<Config>>()
            .ok_or_else(|| ApiError::Internal("no configuration".into()))?;
        let slots = req
            .app_data::<web::Data<ImportSlots>>()
            .ok_or_else(|| ApiError::Internal("no import slots".into()))?;
        let limit = config.max_upload_bytes;
        let too_large = || {
            ApiError::PayloadTooLarge(format!(
                "文件超过 {limit} 字节的上限（MAX_UPLOAD_BYTES），未导入任何内容。"
            ))
        };
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let slot = slots.acquire().await?;
        let mut stream =
            actix_web::dev::Decompress::from_headers(payload.into_inner(), req.headers());
        // Room for what the request declares (at most the limit), so the body is not copied as it grows.
        let mut body = web::BytesMut::with_capacity(declared.unwrap_or(0) as usize);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|_| ApiError::BadRequest("请求体未能完整读取。".into()))?;
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Upload {
            content_type: req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body: body.freeze(),
            limits: config.import_limits,
            slot,
        })
    }

    /// Frees the file's bytes and keeps its slot (hold it until the import is done).
    pub fn into_slot(self) -> OwnedSemaphorePermit {
        self.slot
    }

    /// The file's format (see [`table::detect`]).
    pub fn format(&self) -> Result<Format, ApiError> {
        table::detect(self.content_type.as_deref(), &self.body)
    }

    /// The file's format and its rows, read within the bounds (see [`table::read`]).
    pub fn table(&self) -> Result<(Format, Table), ApiError> {
        let format = self.format()?;
        Ok((format, table::read(format, &self.body, &self.limits)?))
    }
}
