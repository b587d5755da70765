//! Rebuilds the crate when anything under `migrations/` changes, so that
//! `embed_migrations!` in `db.rs` picks up a new migration directory (the macro alone does
//! not make cargo watch for new directories, and a test template built without the new
//! migration is then cached under the new migrations' fingerprint).

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
