// The declaration is an `enum`, without generics.
tencent_action::error_codes! {
    pub struct SmsCode {
        "FailedOperation.SignIdNotExist",
    }
}

tencent_action::error_codes! {
    pub enum CvmCode<T> {
        "InternalError.TradeUnknownError",
    }
}

fn main() {}
