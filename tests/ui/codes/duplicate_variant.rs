// Two different codes that derive the same variant name, and an `as` name that takes a derived
// one: both places are shown each time.
tencent_action::error_codes! {
    pub enum CvmCode {
        "InvalidParameterValue.Limit"
        "InvalidParameterValueLimit"
        "InternalError.Db_Error"
        "InternalError.DbError"
        "ResourceNotFound.HpcCluster"
        "ResourceNotFound" as ResourceNotFoundHpcCluster
    }
}

fn main() {}
