// The names of the fallback variants cannot be taken by a listed code.
tencent_action::error_codes! {
    pub enum Codes {
        "Other"
        "FailedOperation.X" as Category
    }
}

fn main() {}
