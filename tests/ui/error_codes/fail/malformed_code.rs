// Codes that are not well-formed Tencent Cloud codes, all reported in one build, each at its
// literal. The well-formed code in between still becomes a variant.
tencent_action::error_codes! {
    pub enum SmsCode {
        "FailedOperation.PhoneNumberInBlacklist "
        "failedOperation.SignIdNotExist"
        "FailedOperation.TemplateIdNotExist"
        "FailedOperation..MissingSignature"
        "FailedOperation-JsonParseFail"
        ""
    }
}

fn main() {
    let _ = SmsCode::FailedOperationTemplateIdNotExist;
}
