// Only doc comments can annotate a code.
tencent_action::error_codes! {
    pub enum SmsCode {
        /// Documented: fine.
        "FailedOperation.SignIdNotExist",
        #[deprecated]
        "FailedOperation.PhoneNumberInBlacklist",
    }
}

fn main() {}
