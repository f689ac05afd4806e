// Two codes that get the same variant name even with `_` kept after the category, and an `as`
// name that takes a derived one: both places are shown each time. (Codes that differ only by
// where the category ends, like "InvalidParameter.ValueTooLarge" and
// "InvalidParameterValue.TooLarge", are told apart without an error.)
tencent_action::error_codes! {
    pub enum CvmCode {
        "InternalError.Db_Error"
        "InternalError.DbError"
        "ResourceNotFound.HpcCluster"
        "ResourceNotFound" as ResourceNotFoundHpcCluster
    }
}

fn main() {}
