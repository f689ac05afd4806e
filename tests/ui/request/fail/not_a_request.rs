use tencent_action::ActionRequest;

// The shape of `Client::call`: only a request struct is accepted.
fn call<R: ActionRequest>(_request: &R) -> Option<R::Response> {
    None
}

fn main() {
    let _ = call(&vec![1, 2, 3]);
}
