import Contracts
import Domain
import Foundation
import Testing

@Suite struct WireJSONTests {
    @Test func writesTimesWithTheVietnamOffset() {
        let moment = Date(timeIntervalSince1970: 1_764_037_800)  // 2025-11-25T02:30:00Z
        #expect(WireJSON.format(moment) == "2025-11-25T09:30:00+07:00")
    }

    @Test func readsAnyOffsetAndFractions() {
        let expected = Date(timeIntervalSince1970: 1_764_037_800)
        #expect(WireJSON.parseDate("2025-11-25T09:30:00+07:00") == expected)
        #expect(WireJSON.parseDate("2025-11-25T02:30:00Z") == expected)
        #expect(WireJSON.parseDate("2025-11-25T02:30:00.000Z") == expected)
        #expect(WireJSON.parseDate("25/11/2025") == nil)
    }

    @Test func envelopeRoundTripsAsCloudEvents() throws {
        let event = EventEnvelope(source: "onegate/intake", type: EventName.dossierSubmitted.type,
                                  time: Date(timeIntervalSince1970: 1_764_037_800), subject: "000.00.00.H30-251125-0001",
                                  sequence: 1, data: ["code": "000.00.00.H30-251125-0001"])
        let data = try WireJSON.encode(event)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["specversion"] as? String == "1.0")
        #expect(object?["type"] as? String == "vn.onegate.dossier.submitted.v1")
        #expect(object?["time"] as? String == "2025-11-25T09:30:00+07:00")
        let decoded = try WireJSON.decode(EventEnvelope<[String: String]>.self, from: data)
        #expect(decoded.id == event.id && decoded.data == event.data && decoded.time == event.time)
    }

    @Test func eventNamesDeriveTheirTypeFromTheRoutingKey() {
        #expect(EventName.dossierStatusChanged.type == "vn.onegate.dossier.status-changed.v1")
        #expect(EventName(routingKey: "catalog.procedure.published", version: 2).type == "vn.onegate.procedure.published.v2")
    }

    @Test func validationProblemsNameTheirFields() {
        let problem = Problem.validation([FieldError(field: "channel", message: "is required")])
        #expect(problem.status == 400 && problem.detail == "Invalid fields: channel.")
        #expect(problem.errors?.first?.field == "channel")
    }
}
