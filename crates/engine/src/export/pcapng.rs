//! A run as a pcapng capture that Wireshark dissects and decrypts with no extra file.
//!
//! Each record of the trace travels in TCP segments over IPv4 between documentation addresses
//! (RFC 5737's 192.0.2.0/24), in Ethernet frames between documentation MAC addresses
//! (RFC 7042's 00-00-5E-00-53-xx). Every TLS connection of the run is a TCP connection of its
//! own, opened with a three-way handshake and closed with FIN both ways: in the `aitm-relay-*`
//! scenarios the victim's connection goes to the attacker's address and the attacker's own
//! connection goes to the real server, so Wireshark decrypts each one with its own secrets.
//!
//! The capture is taken next to the receiver: where an on-path attacker rewrote a record
//! (`tampered-record`), the capture holds the forged segment the server received (client
//! addresses, the attacker's MAC address) and not the original, just as a tap in front of the
//! server would. The NSS key log goes into a Decryption Secrets Block (pcapng §4.7, secrets
//! type `TLSK`). Timestamps come from the step index, starting at the lab's fixed "now", so a
//! seed gives the same file every time and everywhere.
//!
//! Block layouts follow the pcapng specification (IETF draft-ietf-opsawg-pcapng); IPv4 and TCP
//! headers follow RFC 791 and RFC 9293.

use crate::scenario::LAB_NOW;
use crate::trace::{Participant, Step, Trace};

use super::{record_label, who};
use crate::trace::Explain;

/// The client's IPv4 address (RFC 5737 TEST-NET-1).
pub const CLIENT_ADDR: [u8; 4] = [192, 0, 2, 10];
/// The server's IPv4 address.
pub const SERVER_ADDR: [u8; 4] = [192, 0, 2, 20];
/// The attacker's IPv4 address (the phishing proxy, the impostor, the stolen-certificate
/// client).
pub const ATTACKER_ADDR: [u8; 4] = [192, 0, 2, 66];
/// The TCP port of every TLS server in the capture.
pub const SERVER_PORT: u16 = 443;
/// The TCP client of the run's n-th connection (from 0) uses port `CLIENT_PORT_BASE + n`.
pub const CLIENT_PORT_BASE: u16 = 50_000;

/// The largest TCP payload per segment: an Ethernet MTU of 1500 less 20 bytes of IPv4 and 20
/// of TCP header. Larger records are split.
const MSS: usize = 1460;
/// Time between two steps, in microseconds.
const STEP_US: u64 = 10_000;
/// LINKTYPE_ETHERNET.
const LINKTYPE_ETHERNET: u16 = 1;
/// The Decryption Secrets Block's secrets type for an NSS key log: "TLSK".
const SECRETS_TLS_KEY_LOG: u32 = 0x544c_534b;

/// The IPv4 address a participant uses in the capture.
pub fn address_of(p: Participant) -> [u8; 4] {
    match p {
        Participant::Client => CLIENT_ADDR,
        Participant::Server => SERVER_ADDR,
        Participant::Attacker => ATTACKER_ADDR,
    }
}

/// The participant's MAC address: 00-00-5E-00-53 and the last byte of its IPv4 address.
fn mac_of(p: Participant) -> [u8; 6] {
    [0x00, 0x00, 0x5e, 0x00, 0x53, address_of(p)[3]]
}

/// The run as a pcapng file, the key log embedded in a Decryption Secrets Block so that
/// Wireshark and tshark decrypt every record with no key log file.
pub fn pcapng(trace: &Trace) -> Vec<u8> {
    build(trace, true)
}

/// The same capture without the Decryption Secrets Block: what a capture on a real network
/// holds. Wireshark decrypts it given the key log file ([`Trace::keylog_file`]).
pub fn pcapng_without_secrets(trace: &Trace) -> Vec<u8> {
    build(trace, false)
}

fn build(trace: &Trace, secrets: bool) -> Vec<u8> {
    let mut out = Vec::new();
    section_header(
        &mut out,
        &format!(
            "mTLS Lab scenario {}, seed {}: {} records",
            trace.scenario,
            trace.seed,
            trace.steps.len()
        ),
    );
    let keylog = trace.keylog_file();
    if secrets && !keylog.is_empty() {
        decryption_secrets(&mut out, keylog.as_bytes());
    }
    interface_description(&mut out);
    for p in packets(trace) {
        enhanced_packet(&mut out, &p);
    }
    out
}

/// One frame of the capture.
struct Packet {
    /// Microseconds since the Unix epoch.
    ts: u64,
    frame: Vec<u8>,
    comment: Option<String>,
}

/// A step as the capture sees it: which TCP connection carries it, which end sends it, and
/// whose network card put it on the wire.
struct Delivery {
    step: usize,
    conn: usize,
    /// 0 when the connection's TCP client sends, 1 when its server does.
    side: usize,
    /// Who sent the frame (an on-path attacker forging the client's segment).
    link_sender: Participant,
    comment: String,
}

/// A TCP connection: its two ends (TCP client first) and their next sequence numbers.
struct Conn {
    ends: [Participant; 2],
    /// Which connection between these two ends ([`Step::connection`]).
    connection: u32,
    ports: [u16; 2],
    seq: [u32; 2],
    opened: bool,
}

/// Whether `steps[i]` is an on-path attacker's rewrite of the record before it.
fn is_tampered(steps: &[Step], i: usize) -> bool {
    steps.get(i).is_some_and(|s| {
        matches!(
            s.explain,
            Explain::TamperedRecord | Explain::RewrittenClientHello
        ) && s.from == Participant::Attacker
            && i > 0
    }) && steps
        .get(i.wrapping_sub(1))
        .is_some_and(|prev| prev.to == Participant::Attacker)
}

/// Which connection and direction each step travels on.
fn deliveries(trace: &Trace) -> (Vec<Conn>, Vec<Delivery>) {
    let steps = &trace.steps;
    let mut conns: Vec<Conn> = Vec::new();
    let mut out = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        // The tap sits in front of the receiver: a record the attacker rewrote never gets
        // there in its original form.
        if is_tampered(steps, i + 1) {
            continue;
        }
        let tampered = is_tampered(steps, i);
        let sender = if tampered {
            steps.get(i - 1).map_or(step.from, |prev| prev.from)
        } else {
            step.from
        };
        if sender == step.to {
            continue;
        }
        let conn = match conns.iter().position(|c| {
            (c.ends == [sender, step.to] || c.ends == [step.to, sender])
                && c.connection == step.connection
        }) {
            Some(c) => c,
            None => {
                let n = conns.len();
                let seed = trace.seed ^ ((n as u64) << 32);
                conns.push(Conn {
                    ends: [sender, step.to],
                    connection: step.connection,
                    ports: [CLIENT_PORT_BASE.wrapping_add(n as u16), SERVER_PORT],
                    seq: [isn(seed, 0), isn(seed, 1)],
                    opened: false,
                });
                n
            }
        };
        let side = usize::from(conns[conn].ends[0] != sender);
        let mut comment = format!(
            "step {}: {} -> {}: {}",
            i + 1,
            who(step.from),
            who(step.to),
            record_label(step)
        );
        if tampered {
            comment.push_str(&format!(
                " (forged by the on-path attacker from the {}'s record of step {}, one bit flipped; the original never reached the {})",
                who(sender),
                i,
                who(step.to)
            ));
        }
        out.push(Delivery {
            step: i,
            conn,
            side,
            link_sender: step.from,
            comment,
        });
    }
    (conns, out)
}

/// A deterministic initial sequence number (SplitMix64 of the seed, connection and side).
fn isn(seed: u64, side: u64) -> u32 {
    let mut z = seed
        .wrapping_add(side.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) as u32
}

const FIN: u8 = 0x01;
const SYN: u8 = 0x02;
const PSH: u8 = 0x08;
const ACK: u8 = 0x10;

/// Builds frames with per-address IPv4 identification counters.
struct Wire {
    ip_id: [u16; 3],
    packets: Vec<Packet>,
}

impl Wire {
    #[allow(clippy::too_many_arguments)]
    fn segment(
        &mut self,
        ts: u64,
        conn: &Conn,
        side: usize,
        link_sender: Participant,
        seq: u32,
        ack: Option<u32>,
        flags: u8,
        payload: &[u8],
        comment: Option<String>,
    ) {
        let (src, dst) = (conn.ends[side], conn.ends[1 - side]);
        let slot = match src {
            Participant::Client => 0,
            Participant::Server => 1,
            Participant::Attacker => 2,
        };
        self.ip_id[slot] = self.ip_id[slot].wrapping_add(1);
        let tcp = tcp_segment(
            address_of(src),
            address_of(dst),
            conn.ports[side],
            conn.ports[1 - side],
            seq,
            ack,
            flags,
            payload,
        );
        let ip = ipv4(address_of(src), address_of(dst), self.ip_id[slot], &tcp);
        let mut frame = Vec::with_capacity(14 + ip.len());
        frame.extend_from_slice(&mac_of(dst));
        frame.extend_from_slice(&mac_of(link_sender));
        frame.extend_from_slice(&0x0800u16.to_be_bytes());
        frame.extend_from_slice(&ip);
        self.packets.push(Packet { ts, frame, comment });
    }
}

/// Every frame of the run, in time order.
fn packets(trace: &Trace) -> Vec<Packet> {
    let (mut conns, plan) = deliveries(trace);
    let mut wire = Wire {
        ip_id: [0x1000, 0x2000, 0x6600],
        packets: Vec::new(),
    };
    let base = u64::try_from(LAB_NOW).unwrap_or(0) * 1_000_000;
    for (k, d) in plan.iter().enumerate() {
        let t = base + (d.step as u64 + 1) * STEP_US;
        let Some(step) = trace.steps.get(d.step) else {
            continue;
        };
        let conn = &mut conns[d.conn];
        let (s, o) = (d.side, 1 - d.side);
        // 1. The three-way handshake, just before the connection's first record (RFC 9293
        // §3.5). SYN and SYN/ACK each take one sequence number.
        if !conn.opened {
            conn.opened = true;
            let [c0, c1] = conn.ends;
            wire.segment(t - 3000, conn, 0, c0, conn.seq[0], None, SYN, &[], None);
            wire.segment(
                t - 2000,
                conn,
                1,
                c1,
                conn.seq[1],
                Some(conn.seq[0].wrapping_add(1)),
                SYN | ACK,
                &[],
                None,
            );
            conn.seq[0] = conn.seq[0].wrapping_add(1);
            conn.seq[1] = conn.seq[1].wrapping_add(1);
            wire.segment(
                t - 1000,
                conn,
                0,
                c0,
                conn.seq[0],
                Some(conn.seq[1]),
                ACK,
                &[],
                None,
            );
        }
        // 2. The record, in segments of at most MSS bytes; the last one pushed.
        let chunks: Vec<&[u8]> = step.record.wire.chunks(MSS).collect();
        let n = chunks.len();
        for (j, chunk) in chunks.into_iter().enumerate() {
            let flags = if j + 1 == n { ACK | PSH } else { ACK };
            let comment = (j == 0).then(|| d.comment.clone());
            let (seq, ack) = (conn.seq[s], conn.seq[o]);
            wire.segment(
                t + j as u64 * 10,
                conn,
                s,
                d.link_sender,
                seq,
                Some(ack),
                flags,
                chunk,
                comment,
            );
            conn.seq[s] = seq.wrapping_add(chunk.len() as u32);
        }
        // 3. The receiver acknowledges, unless its own next record on this connection
        // carries the acknowledgement.
        let next = plan[k + 1..].iter().find(|e| e.conn == d.conn);
        let receiver = conn.ends[o];
        if next.is_none_or(|e| e.side == s) {
            let (seq, ack) = (conn.seq[o], conn.seq[s]);
            wire.segment(t + 500, conn, o, receiver, seq, Some(ack), ACK, &[], None);
        }
        // 4. After the connection's last record, its sender closes first, then the other
        // end; each FIN takes one sequence number.
        if next.is_none() {
            let sender = conn.ends[s];
            let (seq, ack) = (conn.seq[s], conn.seq[o]);
            wire.segment(
                t + 5000,
                conn,
                s,
                sender,
                seq,
                Some(ack),
                FIN | ACK,
                &[],
                None,
            );
            conn.seq[s] = seq.wrapping_add(1);
            let (seq, ack) = (conn.seq[o], conn.seq[s]);
            wire.segment(
                t + 6000,
                conn,
                o,
                receiver,
                seq,
                Some(ack),
                FIN | ACK,
                &[],
                None,
            );
            conn.seq[o] = seq.wrapping_add(1);
            let (seq, ack) = (conn.seq[s], conn.seq[o]);
            wire.segment(t + 7000, conn, s, sender, seq, Some(ack), ACK, &[], None);
        }
    }
    let mut packets = wire.packets;
    // Connections overlap in time (the relay's second connection opens while the first is
    // up): order every frame by its timestamp, keeping the build order on ties.
    packets.sort_by_key(|p| p.ts);
    packets
}

/// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of
/// 16-bit words.
fn checksum(parts: &[&[u8]]) -> u16 {
    let mut sum: u32 = 0;
    let mut odd: Option<u8> = None;
    for part in parts {
        for &b in *part {
            match odd.take() {
                Some(hi) => sum += u32::from(u16::from_be_bytes([hi, b])),
                None => odd = Some(b),
            }
        }
    }
    if let Some(hi) = odd {
        sum += u32::from(u16::from_be_bytes([hi, 0]));
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// A TCP segment (RFC 9293 §3.1) with its checksum over the IPv4 pseudo-header. SYNs carry
/// the MSS option.
#[allow(clippy::too_many_arguments)]
fn tcp_segment(
    src: [u8; 4],
    dst: [u8; 4],
    sport: u16,
    dport: u16,
    seq: u32,
    ack: Option<u32>,
    flags: u8,
    payload: &[u8],
) -> Vec<u8> {
    let options: &[u8] = if flags & SYN != 0 {
        &[2, 4, (MSS >> 8) as u8, (MSS & 0xff) as u8]
    } else {
        &[]
    };
    let header_len = 20 + options.len();
    let mut t = Vec::with_capacity(header_len + payload.len());
    t.extend_from_slice(&sport.to_be_bytes());
    t.extend_from_slice(&dport.to_be_bytes());
    t.extend_from_slice(&seq.to_be_bytes());
    t.extend_from_slice(&ack.unwrap_or(0).to_be_bytes());
    t.push(((header_len / 4) as u8) << 4);
    t.push(if ack.is_some() { flags | ACK } else { flags });
    t.extend_from_slice(&0xffffu16.to_be_bytes()); // window
    t.extend_from_slice(&[0, 0]); // checksum, filled below
    t.extend_from_slice(&[0, 0]); // urgent pointer
    t.extend_from_slice(options);
    t.extend_from_slice(payload);
    let len = (t.len() as u16).to_be_bytes();
    let pseudo = [0, 6, len[0], len[1]];
    let sum = checksum(&[&src, &dst, &pseudo, &t]);
    t[16..18].copy_from_slice(&sum.to_be_bytes());
    t
}

/// An IPv4 packet (RFC 791) around `payload`, don't-fragment set, TTL 64, protocol TCP.
fn ipv4(src: [u8; 4], dst: [u8; 4], id: u16, payload: &[u8]) -> Vec<u8> {
    let total = ((20 + payload.len()) as u16).to_be_bytes();
    let id = id.to_be_bytes();
    let mut h = vec![
        0x45, 0x00, total[0], total[1], id[0], id[1], 0x40, 0x00, 64, 6, 0, 0,
    ];
    h.extend_from_slice(&src);
    h.extend_from_slice(&dst);
    let sum = checksum(&[&h]);
    h[10..12].copy_from_slice(&sum.to_be_bytes());
    h.extend_from_slice(payload);
    h
}

/// Appends a block: type, total length, body (padded to 32 bits), total length again.
fn block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
    let padded = body.len().next_multiple_of(4);
    let total = (12 + padded) as u32;
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&total.to_le_bytes());
    out.extend_from_slice(body);
    out.resize(out.len() + padded - body.len(), 0);
    out.extend_from_slice(&total.to_le_bytes());
}

/// Appends one option (code, length, value padded to 32 bits).
fn option(body: &mut Vec<u8>, code: u16, value: &[u8]) {
    body.extend_from_slice(&code.to_le_bytes());
    body.extend_from_slice(&(value.len() as u16).to_le_bytes());
    body.extend_from_slice(value);
    body.resize(body.len().next_multiple_of(4), 0);
}

/// opt_endofopt.
fn end_of_options(body: &mut Vec<u8>) {
    body.extend_from_slice(&[0, 0, 0, 0]);
}

/// Section Header Block (§4.1): little-endian, version 1.0, section length unknown.
fn section_header(out: &mut Vec<u8>, comment: &str) {
    let mut body = Vec::new();
    body.extend_from_slice(&0x1a2b_3c4du32.to_le_bytes());
    body.extend_from_slice(&1u16.to_le_bytes());
    body.extend_from_slice(&0u16.to_le_bytes());
    body.extend_from_slice(&(-1i64).to_le_bytes());
    option(&mut body, 1, comment.as_bytes()); // opt_comment
    let app = format!("mTLS Lab {}", env!("CARGO_PKG_VERSION"));
    option(&mut body, 4, app.as_bytes()); // shb_userappl
    end_of_options(&mut body);
    block(out, 0x0a0d_0d0a, &body);
}

/// Interface Description Block (§4.2): Ethernet, no snap length limit, microseconds.
fn interface_description(out: &mut Vec<u8>) {
    let mut body = Vec::new();
    body.extend_from_slice(&LINKTYPE_ETHERNET.to_le_bytes());
    body.extend_from_slice(&0u16.to_le_bytes());
    body.extend_from_slice(&0u32.to_le_bytes());
    option(&mut body, 2, b"lab0"); // if_name
    option(
        &mut body,
        3, // if_description
        b"mTLS Lab's simulated network: documentation addresses 192.0.2.0/24 (RFC 5737)",
    );
    end_of_options(&mut body);
    block(out, 1, &body);
}

/// Decryption Secrets Block (§4.7): the NSS key log, for Wireshark's TLS dissector.
fn decryption_secrets(out: &mut Vec<u8>, keylog: &[u8]) {
    let mut body = Vec::new();
    body.extend_from_slice(&SECRETS_TLS_KEY_LOG.to_le_bytes());
    body.extend_from_slice(&(keylog.len() as u32).to_le_bytes());
    body.extend_from_slice(keylog);
    body.resize(body.len().next_multiple_of(4), 0);
    block(out, 0x0000_000a, &body);
}

/// Enhanced Packet Block (§4.3) on interface 0, the step's description as its comment.
fn enhanced_packet(out: &mut Vec<u8>, p: &Packet) {
    let mut body = Vec::new();
    body.extend_from_slice(&0u32.to_le_bytes());
    body.extend_from_slice(&((p.ts >> 32) as u32).to_le_bytes());
    body.extend_from_slice(&(p.ts as u32).to_le_bytes());
    body.extend_from_slice(&(p.frame.len() as u32).to_le_bytes());
    body.extend_from_slice(&(p.frame.len() as u32).to_le_bytes());
    body.extend_from_slice(&p.frame);
    body.resize(body.len().next_multiple_of(4), 0);
    if let Some(c) = &p.comment {
        option(&mut body, 1, c.as_bytes()); // opt_comment
        end_of_options(&mut body);
    }
    block(out, 6, &body);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::run_scenario;

    /// Walks the blocks of a pcapng file: (type, body).
    fn blocks(file: &[u8]) -> Vec<(u32, Vec<u8>)> {
        let mut out = Vec::new();
        let mut at = 0;
        while at + 12 <= file.len() {
            let kind = u32::from_le_bytes(file[at..at + 4].try_into().unwrap_or_default());
            let len =
                u32::from_le_bytes(file[at + 4..at + 8].try_into().unwrap_or_default()) as usize;
            assert!(
                len >= 12 && len.is_multiple_of(4) && at + len <= file.len(),
                "bad block"
            );
            let trailer =
                u32::from_le_bytes(file[at + len - 4..at + len].try_into().unwrap_or_default())
                    as usize;
            assert_eq!(len, trailer, "block lengths agree");
            out.push((kind, file[at + 8..at + len - 4].to_vec()));
            at += len;
        }
        assert_eq!(at, file.len(), "no trailing bytes");
        out
    }

    /// The Ethernet frames of the Enhanced Packet Blocks.
    fn frames(file: &[u8]) -> Vec<Vec<u8>> {
        blocks(file)
            .into_iter()
            .filter(|(k, _)| *k == 6)
            .map(|(_, b)| {
                let len = u32::from_le_bytes(b[12..16].try_into().unwrap_or_default()) as usize;
                b[20..20 + len].to_vec()
            })
            .collect()
    }

    #[test]
    fn blocks_are_well_formed_and_the_secrets_come_first() {
        let trace = run_scenario("mutual", 3).expect("known scenario");
        let file = pcapng(&trace);
        let kinds: Vec<u32> = blocks(&file).iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds[..3], [0x0a0d_0d0a, 0x0a, 1]);
        assert!(kinds[3..].iter().all(|k| *k == 6));
        let dsb = &blocks(&file)[1].1;
        assert_eq!(&dsb[..4], &SECRETS_TLS_KEY_LOG.to_le_bytes());
        let len = u32::from_le_bytes(dsb[4..8].try_into().unwrap_or_default()) as usize;
        assert_eq!(&dsb[8..8 + len], trace.keylog_file().as_bytes());
        let bare = pcapng_without_secrets(&trace);
        assert!(blocks(&bare).iter().all(|(k, _)| *k != 0x0a));
    }

    #[test]
    fn same_trace_same_bytes() {
        let a = run_scenario("one-way", 9).expect("known scenario");
        let b = run_scenario("one-way", 9).expect("known scenario");
        assert_eq!(pcapng(&a), pcapng(&b));
    }

    #[test]
    fn checksums_verify_and_payload_is_the_records() {
        let trace = run_scenario("one-way", 1).expect("known scenario");
        let mut payload = Vec::new();
        for f in frames(&pcapng(&trace)) {
            let ip = &f[14..];
            assert_eq!(checksum(&[&ip[..20]]), 0, "IPv4 header checksum");
            let total = u16::from_be_bytes([ip[2], ip[3]]) as usize;
            assert_eq!(total, ip.len());
            let tcp = &ip[20..];
            let len = (tcp.len() as u16).to_be_bytes();
            assert_eq!(
                checksum(&[&ip[12..16], &ip[16..20], &[0, 6, len[0], len[1]], tcp]),
                0,
                "TCP checksum"
            );
            assert!(tcp.len() - usize::from(tcp[12] >> 4) * 4 <= MSS);
            if tcp[2..4] == SERVER_PORT.to_be_bytes() {
                payload.extend_from_slice(&tcp[usize::from(tcp[12] >> 4) * 4..]);
            }
        }
        let sent: Vec<u8> = trace
            .steps
            .iter()
            .filter(|s| s.from == Participant::Client)
            .flat_map(|s| s.record.wire.clone())
            .collect();
        assert_eq!(payload, sent);
    }

    #[test]
    fn large_records_are_split_into_full_segments() {
        let mut trace = run_scenario("one-way", 1).expect("known scenario");
        trace.steps[0].record.wire = vec![0x16; 4000];
        let sizes: Vec<usize> = frames(&pcapng(&trace))
            .iter()
            .map(|f| f.len() - 14 - 20 - usize::from(f[14 + 20 + 12] >> 4) * 4)
            .filter(|n| *n > 0)
            .take(3)
            .collect();
        assert_eq!(sizes, [1460, 1460, 1080]);
    }

    #[test]
    fn relay_runs_two_tcp_connections_through_the_attacker() {
        let trace = run_scenario("aitm-relay-one-way", 1).expect("known scenario");
        let (conns, _) = deliveries(&trace);
        let ends: Vec<[Participant; 2]> = conns.iter().map(|c| c.ends).collect();
        assert_eq!(
            ends,
            [
                [Participant::Client, Participant::Attacker],
                [Participant::Attacker, Participant::Server]
            ]
        );
    }

    #[test]
    fn tampered_record_is_captured_as_the_server_received_it() {
        let trace = run_scenario("tampered-record", 1).expect("known scenario");
        let (conns, plan) = deliveries(&trace);
        assert_eq!(conns.len(), 1);
        let forged = plan
            .iter()
            .find(|d| d.link_sender == Participant::Attacker)
            .expect("the forged record is captured");
        assert_eq!(forged.side, 0);
        assert_eq!(plan.len(), trace.steps.len() - 1);
    }

    #[test]
    fn never_panics_on_odd_traces() {
        let mut trace = run_scenario("tampered-record", 1).expect("known scenario");
        for s in &mut trace.steps {
            s.from = Participant::Attacker;
            s.explain = Explain::TamperedRecord;
        }
        let _ = pcapng(&trace);
        trace.steps.clear();
        trace.keylog.clear();
        assert_eq!(blocks(&pcapng(&trace)).len(), 2);
    }
}
