//! When to re-query a payment attempt (truy vấn lại giao dịch): a pure schedule, so that a pending
//! (TrangThaiGD 3) or silent attempt is never dropped (brief §5: a known sweeper marks pending
//! transactions "checked" and never polls them again).
//!
//! The first QUERY goes `first_after` minutes after the INIT; each next one waits twice as long as
//! the previous wait, up to `max_interval`. After `escalate_after` minutes without a final answer
//! the attempt is flagged for manual review (đối soát thủ công) — and polling goes on at the
//! longest interval: the schedule never ends while the attempt is open.
use chrono::{Duration, NaiveDateTime};

/// The schedule's parameters, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PollPolicy {
    /// First QUERY after the INIT (default 2: QR codes commonly expire after 5-15 minutes).
    pub first_after: u32,
    /// Longest wait between two QUERYs (default 60).
    pub max_interval: u32,
    /// Flag for manual review after this long without a final state (default 1440, one day).
    pub escalate_after: u32,
}

impl Default for PollPolicy {
    fn default() -> Self {
        Self {
            first_after: 2,
            max_interval: 60,
            escalate_after: 1440,
        }
    }
}

/// What to do next for an open attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PollDecision {
    /// When to send the next QUERY (never before `now`: an overdue query is due now).
    pub query_at: NaiveDateTime,
    /// The attempt has been open longer than [`PollPolicy::escalate_after`]: flag it for manual
    /// review (and keep polling).
    pub escalate: bool,
}

/// The wait before QUERY number `n + 1` after `n` QUERYs: `first_after × 2^n`, capped.
pub fn interval(policy: &PollPolicy, queries_done: u32) -> u32 {
    let doubled = u64::from(policy.first_after.max(1)) << queries_done.min(32);
    doubled.min(u64::from(policy.max_interval.max(1))) as u32
}

/// The next QUERY of an attempt initiated at `initiated_at`, after `queries_done` QUERYs (the last
/// at `last_query_at`), as of `now`. Only for open attempts (initiated, QR shown, pending): final
/// ones are never polled.
pub fn next_poll(
    policy: &PollPolicy,
    initiated_at: NaiveDateTime,
    queries_done: u32,
    last_query_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> PollDecision {
    let base = match (queries_done, last_query_at) {
        (0, _) | (_, None) => initiated_at,
        (_, Some(t)) => t,
    };
    let wait = if queries_done == 0 {
        policy.first_after
    } else {
        interval(policy, queries_done)
    };
    let query_at = (base + Duration::minutes(i64::from(wait))).max(now);
    PollDecision {
        query_at,
        escalate: now - initiated_at >= Duration::minutes(i64::from(policy.escalate_after)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn backs_off_escalates_and_never_stops() {
        let p = PollPolicy::default();
        let init = t("2026-11-24T15:30");
        let d = next_poll(&p, init, 0, None, init);
        assert_eq!((d.query_at, d.escalate), (t("2026-11-24T15:32"), false));
        // Waits 4, 8, 16, 32, then 60 minutes.
        let waits: Vec<u32> = (1..7).map(|n| interval(&p, n)).collect();
        assert_eq!(waits, [4, 8, 16, 32, 60, 60]);
        let d = next_poll(&p, init, 3, Some(t("2026-11-24T15:45")), t("2026-11-24T15:46"));
        assert_eq!(d.query_at, t("2026-11-24T16:01"));
        // Overdue: now.
        let d = next_poll(&p, init, 3, Some(t("2026-11-24T15:45")), t("2026-11-24T18:00"));
        assert_eq!(d.query_at, t("2026-11-24T18:00"));
        // A day later: escalate, and the next query is still scheduled.
        let d = next_poll(&p, init, 40, Some(t("2026-11-25T15:00")), t("2026-11-25T15:30"));
        assert!(d.escalate);
        assert_eq!(d.query_at, t("2026-11-25T16:00"));
        // Far in the future, many queries: no overflow, still polling.
        let d = next_poll(&p, init, u32::MAX, Some(t("2027-01-01T00:00")), t("2027-01-01T00:00"));
        assert_eq!(d.query_at, t("2027-01-01T01:00"));
    }
}
