//! Prints what every shape of helper-calling code computes: the same with graft and without.
use patched_units::*;

fn main() {
    let v: Vec<i32> = (0..64).map(|i| i * 37 % 101 - 50).collect();
    println!("mix_sum {}", mix_sum(&v));
    println!("counted {} after {} calls", counted(&v), calls());
    for s in shapes(6) {
        println!("{} {}", s.name(), s.area());
    }
    println!("clamped {:?}", clamped(&v[..8], -10, 10));
    println!("dispatch {:?}", (0..12).map(dispatch).collect::<Vec<_>>());
    println!("checked {}", checked(7));
    std::panic::set_hook(Box::new(|_| {}));
    let caught = std::panic::catch_unwind(|| checked(1000));
    println!("checked 1000 panicked: {}", caught.is_err());
    println!("plain {:?}", plain_all(&v));
}
