#![allow(non_camel_case_types, non_upper_case_globals)]

include!(concat!(env!("OUT_DIR"), "/bindings.rs"));

fn main() {
    let n: i32 = std::env::args().nth(1).map_or(1000, |a| a.parse().expect("a count"));
    let mut sum = 0i64;
    for i in 0..n {
        let a = point { x: i, y: i + 1 };
        let b = point { x: 3, y: -2 };
        sum += unsafe { point_dot(&a, &b) };
    }
    println!("sum of {n} dot products = {sum}");
}
