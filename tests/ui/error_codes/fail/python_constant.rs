// The Python SDK's `NAME = 'Code'` form: only the code is wanted.
tencent_action::error_codes! {
    pub enum SmsCode {
        FAILEDOPERATION_PHONENUMBERINBLACKLIST = "FailedOperation.PhoneNumberInBlacklist"
    }
}

fn main() {}
