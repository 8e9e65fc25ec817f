//! Ctrl-C and SIGTERM: a run stops cleanly. The first signal waits for the
//! output folder or file being written, if any, to be complete (so the previous
//! result or the new one stands, never neither), then exits with code 130; no
//! folder is left half-written, and nothing new is started. A second signal
//! exits at once.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::report::hold_writes;

static SIGNALS: AtomicU32 = AtomicU32::new(0);

/// Installs the handler; a second call (or a platform without signals) is
/// ignored.
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        if SIGNALS.fetch_add(1, Ordering::SeqCst) > 0 {
            std::process::exit(i32::from(super::exit::INTERRUPTED));
        }
        eprintln!(
            "\ninterrupted: stopping once the output being written, if any, is complete \
             (press Ctrl-C again to stop at once)"
        );
        let _held = hold_writes();
        std::process::exit(i32::from(super::exit::INTERRUPTED));
    });
}
