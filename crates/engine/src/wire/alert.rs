//! Alerts (RFC 8446 §6): every description the RFC defines, by its RFC name.

use serde::{Deserialize, Serialize};

/// An alert description code; unknown codes survive as their number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AlertDescription(pub u8);

macro_rules! descriptions {
    ($($name:ident = $code:literal, $text:literal;)*) => {
        impl AlertDescription {
            $(
                #[doc = concat!("`", $text, "` (", stringify!($code), ")")]
                pub const $name: Self = Self($code);
            )*

            /// The RFC's name for this alert, e.g. `certificate_required`.
            pub fn name(self) -> &'static str {
                match self.0 {
                    $($code => $text,)*
                    _ => "unknown_alert",
                }
            }

            /// The alert an RFC name stands for (as in an explanation id, `alert.unknown_ca`).
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($text => Some(Self($code)),)*
                    _ => None,
                }
            }
        }
    };
}

descriptions! {
    CLOSE_NOTIFY = 0, "close_notify";
    UNEXPECTED_MESSAGE = 10, "unexpected_message";
    BAD_RECORD_MAC = 20, "bad_record_mac";
    RECORD_OVERFLOW = 22, "record_overflow";
    HANDSHAKE_FAILURE = 40, "handshake_failure";
    BAD_CERTIFICATE = 42, "bad_certificate";
    UNSUPPORTED_CERTIFICATE = 43, "unsupported_certificate";
    CERTIFICATE_REVOKED = 44, "certificate_revoked";
    CERTIFICATE_EXPIRED = 45, "certificate_expired";
    CERTIFICATE_UNKNOWN = 46, "certificate_unknown";
    ILLEGAL_PARAMETER = 47, "illegal_parameter";
    UNKNOWN_CA = 48, "unknown_ca";
    ACCESS_DENIED = 49, "access_denied";
    DECODE_ERROR = 50, "decode_error";
    DECRYPT_ERROR = 51, "decrypt_error";
    PROTOCOL_VERSION = 70, "protocol_version";
    INSUFFICIENT_SECURITY = 71, "insufficient_security";
    INTERNAL_ERROR = 80, "internal_error";
    INAPPROPRIATE_FALLBACK = 86, "inappropriate_fallback";
    USER_CANCELED = 90, "user_canceled";
    MISSING_EXTENSION = 109, "missing_extension";
    UNSUPPORTED_EXTENSION = 110, "unsupported_extension";
    UNRECOGNIZED_NAME = 112, "unrecognized_name";
    BAD_CERTIFICATE_STATUS_RESPONSE = 113, "bad_certificate_status_response";
    UNKNOWN_PSK_IDENTITY = 115, "unknown_psk_identity";
    CERTIFICATE_REQUIRED = 116, "certificate_required";
    NO_APPLICATION_PROTOCOL = 120, "no_application_protocol";
}

impl AlertDescription {
    /// Whether the alert closes the connection normally rather than reporting an error.
    pub fn is_closure(self) -> bool {
        self == Self::CLOSE_NOTIFY || self == Self::USER_CANCELED
    }

    /// The two-byte alert body (RFC 8446 §6: level is 2, fatal, for every error alert;
    /// 1, warning, for close_notify and user_canceled).
    pub fn encode(self) -> [u8; 2] {
        [if self.is_closure() { 1 } else { 2 }, self.0]
    }
}

impl core::fmt::Display for AlertDescription {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
