//! A counting global allocator, to show what zero-copy saves: register [`Counting`] as the
//! `#[global_allocator]` of a test or binary, then wrap the code to measure in [`count`].

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static BYTES: Cell<u64> = const { Cell::new(0) };
}

/// The system allocator, counting this thread's allocations (and reallocations) and bytes.
///
/// ```
/// use tencent_action_benches::alloc_count::{count, Counting};
/// #[global_allocator]
/// static GLOBAL: Counting = Counting;
///
/// let (n, v) = count(|| vec![1u8; 64]);
/// assert_eq!(n.allocations, 1);
/// assert_eq!(v.len(), 64);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Counting;

fn note(size: usize) {
    // `try_with`: the thread's counters may be gone while it shuts down.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    let _ = BYTES.try_with(|b| b.set(b.get() + size as u64));
}

// SAFETY: every call is forwarded unchanged to `System`; counting touches only thread-locals
// that need no allocation.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

/// What [`count`] saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Allocations and reallocations made by this thread.
    pub allocations: u64,
    /// Bytes they asked for.
    pub bytes: u64,
}

/// Runs `f`, counting the allocations this thread makes meanwhile (only meaningful when
/// [`Counting`] is the global allocator; zero otherwise).
///
/// ```
/// let (n, _) = tencent_action_benches::alloc_count::count(|| ());
/// assert_eq!(n.allocations, 0);
/// ```
pub fn count<R>(f: impl FnOnce() -> R) -> (Counted, R) {
    let (a0, b0) = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    let out = f();
    let (a1, b1) = (ALLOCATIONS.with(Cell::get), BYTES.with(Cell::get));
    (
        Counted {
            allocations: a1 - a0,
            bytes: b1 - b0,
        },
        out,
    )
}
