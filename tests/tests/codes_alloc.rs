//! Mapping a code allocates nothing unless it must keep the code verbatim: a counting global
//! allocator (this test binary only) watches `from_code` on every step.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use tencent_action::{CommonCode, ErrorCode};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread, and its result.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    (ALLOCATIONS.with(Cell::get) - before, out)
}

tencent_action::error_codes! {
    pub enum SmsCode {
        "FailedOperation.PhoneNumberInBlacklist"
        "FailedOperation.SignIdNotExist"
        "LimitExceeded.PhoneNumberThirtySecondLimit"
        "InvalidParameter"
        "UnsupportedOperation."
    }
}

#[test]
fn exact_and_common_steps_allocate_nothing() {
    for code in SmsCode::ALL {
        let (n, typed) = allocations(|| SmsCode::from_code(code.as_str()));
        assert_eq!(n, 0, "{code}");
        assert_eq!(&typed, code);
    }
    for common in CommonCode::ALL {
        let (n, typed) = allocations(|| SmsCode::from_code(common.as_str()));
        assert_eq!(n, 0, "{common}");
        assert_eq!(typed.as_str(), common.as_str());
    }
    let (n, _) = allocations(|| SmsCode::lookup("FailedOperation.NotListed"));
    assert_eq!(n, 0);
}

#[test]
fn category_and_verbatim_steps_allocate_the_kept_code_only() {
    for code in ["FailedOperation.NotListed", "Sms.Weird"] {
        let (n, typed) = allocations(|| SmsCode::from_code(code));
        assert_eq!(n, 1, "{code}: one String for the verbatim code");
        assert_eq!(typed.as_str(), code);
    }
}
