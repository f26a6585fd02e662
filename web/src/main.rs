//! Entry point of the wasm bundle that Trunk builds.

fn main() {
    mtls_lab_web::start();
}
