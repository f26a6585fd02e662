//! The bytes on the wire: records, alerts and handshake messages (RFC 8446 §4–§6).

pub mod alert;
pub mod codec;
pub mod handshake;
pub mod names;
pub mod record;

pub use alert::AlertDescription;
pub use codec::{DecodeError, Field, Reader, Writer};
pub use handshake::{HandshakeMessage, HandshakeType};
pub use record::{ContentType, Record};
