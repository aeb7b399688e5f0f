#![no_std]

pub fn broken() -> i32 {
    "not a number"
}
