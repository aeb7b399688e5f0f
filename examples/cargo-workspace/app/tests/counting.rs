use counter::Counter;

#[test]
fn wraps_at_the_limit() {
    let mut c = Counter::new(10);
    for _ in 0..25 {
        c.add(1);
    }
    assert_eq!(c.get(), 5);
    assert_eq!(c.overflows(), 2);
}

#[test]
fn generic_and_inline_agree() {
    let mut a = Counter::new(1 << 40);
    let mut b = Counter::new(1 << 40);
    a.add_all(&[1u8, 2, 3]);
    for x in [1u64, 2, 3] {
        b.add((counter::hash(x) % 1000) as i64);
    }
    assert_eq!(a.get(), b.get());
}
