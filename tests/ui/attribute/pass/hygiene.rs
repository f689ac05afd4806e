// The expansion names everything by absolute path: it compiles in a module that shadows the
// prelude's names and `serde`. (A module that shadows the primitive `str` is out of reach:
// serde_derive's own expansion names `&str`.)
#![allow(dead_code, non_camel_case_types)]

mod shadowed {
    use ::tencent_action::prelude::*;

    pub struct Result;
    pub struct Option;
    pub struct String;
    pub struct Box;
    pub struct Vec;
    pub struct Error;
    pub mod serde {}
    pub mod core {}
    pub mod std {}
    pub mod tencent_action {}

    #[tencent_action(service = "sms", version = "2021-01-11", action = "SendSms")]
    pub struct SendSms {
        pub send_status_set: ::std::vec::Vec<SendStatus>,
    }

    // The model's impl and the response's check that the field holds this model, both in the
    // shadowed module.
    #[tencent_model(service = "sms", version = "2021-01-11")]
    pub struct SendStatus {
        pub code: ::std::string::String,
        pub fee: ::std::option::Option<u64>,
    }
}

fn main() {
    use tencent_action::Action;
    let out: shadowed::SendSms =
        tencent_action::from_str(r#"{"Response": {"SendStatusSet": [{"Code": "Ok", "Fee": 1}], "RequestId": "r"}}"#).unwrap();
    assert_eq!(out.send_status_set[0].code, "Ok");
    assert_eq!(out.send_status_set[0].fee, Some(1));
    assert_eq!(out.request_id(), "r");
}
