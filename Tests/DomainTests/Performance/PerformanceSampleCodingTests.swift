import Domain
import Foundation
import Testing

@Suite struct PerformanceSampleCodingTests {
    @Test func aSampleKeepsMillisecondsOnTheWire() throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000.125)
        var responses = LatencyHistogram()
        responses.record(milliseconds: 12.5)
        let sample = PerformanceSample(service: "gateway", instance: "host:1", startedAt: start, endedAt: start.addingTimeInterval(0.5),
                                       cpuSeconds: 0.01, residentBytes: 42 << 20, responses: responses, peakInFlight: 3, activeUsers: 2)
        let decoded = try JSONDecoder().decode(PerformanceSample.self, from: try JSONEncoder().encode(sample))
        #expect(decoded == sample)
        #expect(decoded.seconds == 0.5)
    }
}
