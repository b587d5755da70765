//! A deadline on every request body: actix reads a body as slowly as the client sends it,
//! so a client that declares `Content-Length: 1000` and sends 8 bytes would hold its
//! connection and handler for as long as it likes. Here the body must arrive whole within
//! `BODY_TIMEOUT_SECONDS` of the request head, with no pause longer than
//! `BODY_IDLE_SECONDS`; otherwise the extractor reading it fails, and the answer is
//! replaced by 408 problem+json `body_timeout` (`Connection: close`).

use crate::config::Config;
use crate::error::ApiError;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::rt::time::{sleep, Instant, Sleep};
use actix_web::web::{self, Bytes};
use actix_web::HttpMessage;
use actix_web::ResponseError;
use futures_util::Stream;
use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

/// Which bound a body crossed: the variable and its value in seconds.
type Fired = Rc<Cell<Option<(&'static str, u64)>>>;

/// Middleware (`middleware::from_fn`): wraps the body of a request that has one.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let has_body = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .is_some_and(|v| v.as_bytes() != b"0")
        || req.headers().contains_key(header::TRANSFER_ENCODING);
    let timeouts = req
        .app_data::<web::Data<Config>>()
        .map(|c| (c.body_timeout_seconds, c.body_idle_seconds));
    let fired: Fired = Rc::new(Cell::new(None));
    if let (true, Some((total, idle))) = (has_body, timeouts) {
        let inner = req.take_payload();
        let stream = DeadlinePayload {
            inner,
            total: (total, Box::pin(sleep(Duration::from_secs(total)))),
            idle: (idle, Box::pin(sleep(Duration::from_secs(idle)))),
            fired: fired.clone(),
        };
        req.set_payload(Payload::from(
            Box::pin(stream) as Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>>
        ));
    }
    let res = next.call(req).await?;
    Ok(match fired.get() {
        Some((name, seconds)) => {
            log::info!("request body timed out ({name}={seconds})");
            let answer = ApiError::BodyTimeout(name, seconds).error_response();
            res.into_response(answer).map_into_right_body()
        }
        None => res.map_into_left_body(),
    })
}

/// A body stream that ends in an error when its deadline or its idle timer fires.
struct DeadlinePayload {
    inner: Payload,
    total: (u64, Pin<Box<Sleep>>),
    idle: (u64, Pin<Box<Sleep>>),
    fired: Fired,
}

impl Stream for DeadlinePayload {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.fired.get().is_some() {
            return Poll::Ready(None);
        }
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                let idle = Duration::from_secs(this.idle.0);
                this.idle.1.as_mut().reset(Instant::now() + idle);
                return Poll::Ready(Some(Ok(chunk)));
            }
            Poll::Ready(other) => return Poll::Ready(other),
            Poll::Pending => {}
        }
        let which = if this.total.1.as_mut().poll(cx).is_ready() {
            ("BODY_TIMEOUT_SECONDS", this.total.0)
        } else if this.idle.1.as_mut().poll(cx).is_ready() {
            ("BODY_IDLE_SECONDS", this.idle.0)
        } else {
            return Poll::Pending;
        };
        this.fired.set(Some(which));
        Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "request body deadline",
        )))))
    }
}
