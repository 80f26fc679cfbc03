//! The workspace's uniffi-bindgen: the same pinned uniffi version as `motcua-uniffi`, so the
//! generated Kotlin always matches the scaffolding compiled into the library.
fn main() {
    uniffi::uniffi_bindgen_main()
}
