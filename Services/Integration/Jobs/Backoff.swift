/// Exponential back-off with full jitter in its upper half: attempt 1 waits about `initial`,
/// each further attempt twice as long, never more than `maximum`.
struct Backoff: Sendable {
    let initialMilliseconds: Int
    let maximumMilliseconds: Int

    func delayMilliseconds(afterAttempt attempt: Int) -> Int {
        let exponent = min(max(attempt - 1, 0), 30)
        let base = min(Double(maximumMilliseconds), Double(initialMilliseconds) * Double(1 << exponent))
        return Int(base / 2 + Double.random(in: 0...(base / 2)))
    }
}
