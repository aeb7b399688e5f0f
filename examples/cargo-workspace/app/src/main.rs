use counter::Counter;

fn main() {
    let n: u32 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut c = Counter::new(1_000_003);
    let bytes: Vec<u8> = (0..n).map(|i| (i % 251) as u8).collect();
    let words: Vec<u32> = (0..n).collect();
    c.add_all(&bytes);
    c.add_all(&words);
    for i in 0..n as i64 {
        c.add(i);
    }
    let sum = counter::checksum(&words.iter().map(|&w| w as u64).collect::<Vec<_>>());
    println!("value {} overflows {} checksum {:016x}", c.get(), c.overflows(), sum);
}
