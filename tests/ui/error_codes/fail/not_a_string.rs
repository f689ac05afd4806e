// A code written as a path instead of a string literal.
tencent_action::error_codes! {
    pub enum SmsCode {
        "FailedOperation.SignIdNotExist",
        FailedOperation.PhoneNumberInBlacklist,
    }
}

fn main() {}
