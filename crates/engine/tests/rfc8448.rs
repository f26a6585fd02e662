//! The key schedule against RFC 8448 §3, "Simple 1-RTT Handshake".
//!
//! Source of every vector: RFC 8448, Example Handshake Traces for TLS 1.3 (January 2019),
//! section 3. The message bytes are the handshake messages (without record headers) printed
//! there; the transcript hashes are computed from them, so a wrong transcript would fail too.

use hex_literal::hex;
use mtls_lab_engine::crypto::key_schedule::{
    EarlySecret, TrafficKeys, derive_secret, finished_verify_data, hkdf_extract,
};
use mtls_lab_engine::crypto::sha256;

const CLIENT_HELLO: [u8; 196] = hex!(
    "010000c00303cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7000006130113031302010000910000000b0009000006736572766572ff01000100000a00140012001d0017001800190100010101020103010400230000003300260024001d002099381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c002b0003020304000d0020001e040305030603020308040805080604010501060102010402050206020202002d00020101001c00024001"
);
const SERVER_HELLO: [u8; 90] = hex!(
    "020000560303a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e2692800130100002e00330024001d0020c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f002b00020304"
);
const ENCRYPTED_EXTENSIONS: [u8; 40] =
    hex!("080000240022000a00140012001d00170018001901000101010201030104001c0002400100000000");
const CERTIFICATE: [u8; 445] = hex!(
    "0b0001b9000001b50001b0308201ac30820115a003020102020102300d06092a864886f70d01010b0500300e310c300a06035504031303727361301e170d3136303733303031323335395a170d3236303733303031323335395a300e310c300a0603550403130372736130819f300d06092a864886f70d010101050003818d0030818902818100b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f0203010001a31a301830090603551d1304023000300b0603551d0f0404030205a0300d06092a864886f70d01010b05000381810085aad2a0e5b9276b908c65f73a7267170618a54c5f8a7b337d2df7a594365417f2eae8f8a58c8f8172f9319cf36b7fd6c55b80f21a03015156726096fd335e5e67f2dbf102702e608ccae6bec1fc63a42a99be5c3eb7107c3c54e9b9eb2bd5203b1c3b84e0a8b2f759409ba3eac9d91d402dcc0cc8f8961229ac9187b42b4de10000"
);
const CERTIFICATE_VERIFY: [u8; 136] = hex!(
    "0f000084080400805a747c5d88fa9bd2e55ab085a61015b7211f824cd484145ab3ff52f1fda8477b0b7abc90db78e2d33a5c141a078653fa6bef780c5ea248eeaaa785c4f394cab6d30bbe8d4859ee511f602957b15411ac027671459e46445c9ea58c181e818e95b8c3fb0bf3278409d3be152a3da5043e063dda65cdf5aea20d53dfacd42f74f3"
);
const SERVER_FINISHED: [u8; 36] =
    hex!("140000209b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
const CLIENT_FINISHED: [u8; 36] =
    hex!("14000020a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");

const CLIENT_X25519_PRIVATE: [u8; 32] =
    hex!("49af42ba7f7994852d713ef2784bcbcaa7911de26adc5642cb634540e7ea5005");
const SERVER_X25519_PUBLIC: [u8; 32] =
    hex!("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");

fn transcript(messages: &[&[u8]]) -> [u8; 32] {
    sha256(&messages.concat())
}

#[test]
fn hkdf_extract_matches_the_early_and_derived_secrets() {
    let early = EarlySecret::without_psk();
    assert_eq!(
        early.bytes(),
        &hex!("33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a")
    );
    assert_eq!(
        derive_secret(early.bytes(), "derived", &sha256(b"")),
        hex!("6f2615a108c702c5678f54fc9dbab69716c076189c48250cebeac3576c3611ba")
    );
    assert_eq!(hkdf_extract(&[0; 32], &[0; 32]), *early.bytes());
}

#[test]
fn x25519_shared_secret_matches() {
    let shared = x25519_shared();
    assert_eq!(
        shared,
        hex!("8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d")
    );
}

fn x25519_shared() -> [u8; 32] {
    // The engine's KeyShare draws its own private keys, so the RFC's fixed key goes through the
    // same x25519 function the engine uses.
    x25519_dalek::x25519(CLIENT_X25519_PRIVATE, SERVER_X25519_PUBLIC)
}

#[test]
fn every_secret_of_the_simple_handshake_matches() {
    struct Row {
        what: &'static str,
        got: [u8; 32],
        want: [u8; 32],
    }
    let hs = EarlySecret::without_psk().into_handshake(&x25519_shared());
    let hello_hash = transcript(&[&CLIENT_HELLO, &SERVER_HELLO]);
    let hs_traffic = hs.traffic(&hello_hash);
    let hs_bytes = *hs.bytes();
    let master = hs.into_master();
    let server_finished_hash = transcript(&[
        &CLIENT_HELLO,
        &SERVER_HELLO,
        &ENCRYPTED_EXTENSIONS,
        &CERTIFICATE,
        &CERTIFICATE_VERIFY,
        &SERVER_FINISHED,
    ]);
    let ap = master.traffic(&server_finished_hash);
    let rows = [
        Row {
            what: "handshake secret",
            got: hs_bytes,
            want: hex!("1dc826e93606aa6fdc0aadc12f741b01046aa6b99f691ed221a9f0ca043fbeac"),
        },
        Row {
            what: "hash(CH..SH)",
            got: hello_hash,
            want: hex!("860c06edc07858ee8e78f0e7428c58edd6b43f2ca3e6e95f02ed063cf0e1cad8"),
        },
        Row {
            what: "c hs traffic",
            got: hs_traffic.client,
            want: hex!("b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21"),
        },
        Row {
            what: "s hs traffic",
            got: hs_traffic.server,
            want: hex!("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38"),
        },
        Row {
            what: "master secret",
            got: *master.bytes(),
            want: hex!("18df06843d13a08bf2a449844c5f8a478001bc4d4c627984d5a41da8d0402919"),
        },
        Row {
            what: "c ap traffic",
            got: ap.client,
            want: hex!("9e40646ce79a7f9dc05af8889bce6552875afa0b06df0087f792ebb7c17504a5"),
        },
        Row {
            what: "s ap traffic",
            got: ap.server,
            want: hex!("a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643"),
        },
        Row {
            what: "exp master",
            got: master.exporter(&server_finished_hash),
            want: hex!("fe22f881176eda18eb8f44529e6792c50c9a3f89452f68d8ae311b4309d3cf50"),
        },
    ];
    for row in rows {
        assert_eq!(row.got, row.want, "{} differs from RFC 8448", row.what);
    }
}

#[test]
fn traffic_keys_and_both_finished_match() {
    let hs = EarlySecret::without_psk().into_handshake(&x25519_shared());
    let t = hs.traffic(&transcript(&[&CLIENT_HELLO, &SERVER_HELLO]));
    let server_hs = TrafficKeys::from_secret(&t.server);
    assert_eq!(server_hs.key, hex!("3fce516009c21727d0f2e4e86ee403bc"));
    assert_eq!(server_hs.iv, hex!("5d313eb2671276ee13000b30"));
    let client_hs = TrafficKeys::from_secret(&t.client);
    assert_eq!(client_hs.key, hex!("dbfaa693d1762c5b666af5d950258d01"));
    assert_eq!(client_hs.iv, hex!("5bd3c71b836e0b76bb73265f"));

    let before_server_finished = transcript(&[
        &CLIENT_HELLO,
        &SERVER_HELLO,
        &ENCRYPTED_EXTENSIONS,
        &CERTIFICATE,
        &CERTIFICATE_VERIFY,
    ]);
    assert_eq!(
        finished_verify_data(&t.server, &before_server_finished),
        SERVER_FINISHED[4..]
    );
    let before_client_finished = transcript(&[
        &CLIENT_HELLO,
        &SERVER_HELLO,
        &ENCRYPTED_EXTENSIONS,
        &CERTIFICATE,
        &CERTIFICATE_VERIFY,
        &SERVER_FINISHED,
    ]);
    assert_eq!(
        finished_verify_data(&t.client, &before_client_finished),
        CLIENT_FINISHED[4..]
    );

    let ap = hs.into_master().traffic(&before_client_finished);
    let server_ap = TrafficKeys::from_secret(&ap.server);
    assert_eq!(server_ap.key, hex!("9f02283b6c9c07efc26bb9f2ac92e356"));
    assert_eq!(server_ap.iv, hex!("cf782b88dd83549aadf1e984"));
}
