// The same code twice: both places are shown.
tencent_action::error_codes! {
    pub enum SmsCode {
        "FailedOperation.PhoneNumberInBlacklist",
        "FailedOperation.SignIdNotExist",
        /// Pasted again further down.
        "FailedOperation.PhoneNumberInBlacklist",
    }
}

fn main() {}
