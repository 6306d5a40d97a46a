import Domain
import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// The whole lifecycle through the gateway with the real processes, one path each
    /// (Decree 61 Arts. 17–20): every status the applicant sees, every form, every refusal.
    @Suite struct WorkflowTests {
        @Test func everyPathOfTheProcessWorksEndToEnd() async throws {
            let cluster = try await ServiceCluster.start()
            let desk = Desk(cluster)
            do {
                try await straightThrough(desk)
                try await supplementAtReception(desk)
                try await refusal(desk)
                try await supplementDuringHandling(desk, procedure: Desk.birth, policy: "restart")
                try await supplementDuringHandling(desk, procedure: Desk.correction, policy: "resume")
                try await interAgencyConsultation(desk)
                try await payment(desk)
                try await extensionOnce(desk)
                try await stop(desk)
                try await withdrawal(desk)
                try await returnByEachChannel(desk)
                try await workQueues(desk)
                try await printedForms(desk)
                try await receiptWithLookupToken(desk)
                try await ratingOnceAfterReturn(desk)
                try await statusPageCache(desk)
                try await lookupTokenActions(desk)
                try await queueByLastAction(desk)
                try await retriedActions(desk)
                try await historyIsAppendOnly()
            } catch {
                Issue.record(error)
            }
            let exits = await cluster.stop()
            for (service, code) in exits { #expect(code == 0, "\(service) exit \(String(describing: code))") }
        }

        func straightThrough(_ desk: Desk) async throws {
            let code = try await desk.submit()
            #expect(try await desk.status(code).code == 1)
            // Not the officer's step yet, not the citizen's action, not the leader's.
            try await desk.act(code, "approve", as: "leader", expect: 409)
            try await desk.act(code, "receive", as: "citizen", expect: 403)
            try await desk.act(code, "receive", as: "leader", expect: 403)
            let received = try await desk.act(code, "receive", as: "officer")
            #expect(received.json?["form"] as? String == "01")
            #expect(received.json?["dueAt"] as? String != nil)
            #expect(try await desk.status(code).code == 2)
            try await desk.act(code, "transfer", as: "officer")
            try await desk.act(code, "complete-step", as: "specialist", expect: 409)  // not assigned yet
            try await desk.act(code, "assign", as: "head", #"{"assignee": "nobody-such"}"#, expect: 400)
            try await desk.act(code, "assign", as: "head", #"{"assignee": "officer"}"#, expect: 400)  // not a specialist
            try await desk.act(code, "assign", as: "head", #"{"assignee": "specialist"}"#)
            try await desk.act(code, "complete-step", as: "head", expect: 403)  // the specialist's step
            try await desk.act(code, "complete-step", as: "specialist", #"{"note": "Hồ sơ hợp lệ"}"#)
            #expect(try await desk.status(code).state == "awaiting-approval")
            try await desk.act(code, "approve", as: "leader")
            #expect(try await desk.status(code).code == 9)
            try await desk.act(code, "issue-result", as: "leader", #"{"resultDocuments": ["doc-kq-1"]}"#, expect: 400)
            // The result documents are stored files: here, the receipt's own PDF stands in for the birth certificate.
            let first = try await desk.uploadPDF(of: code, as: "leader")
            let second = try await desk.uploadPDF(of: code, as: "leader")
            let issued = try await desk.act(code, "issue-result", as: "leader", #"{"resultDocuments": ["\#(first)", "\#(second)"]}"#)
            #expect(issued.json?["resultCodes"] as? [String] == ["\(code)-KQ1", "\(code)-KQ2"])
            try await desk.act(code, "return-result", as: "officer", #"{"channel": "direct"}"#)
            let final = try await desk.status(code, as: "citizen")
            #expect(final.code == 10)
            #expect(final.json["resultCodes"] as? [String] == ["\(code)-KQ1", "\(code)-KQ2"])
            try await desk.act(code, "receive", as: "officer", expect: 409)  // finished
            // Documents signed them as the e-results, in the applicant's data store.
            let signed = await eventually { (try? await desk.get("/api/v1/results/\(code)-KQ1", as: "citizen").status) == 200 }
            #expect(signed, "documents should register \(code)-KQ1 from processing's result-issued event")
            let store = try await desk.get("/api/v1/me/documents", as: "citizen")
            #expect(String(decoding: store.body, as: UTF8.self).contains("\(code)-KQ2"))
            // The control slip: every hand-over, who and when, each finished step on time.
            let timeline = try await desk.get("/api/v1/dossiers/\(code)/timeline", as: "officer")
            let entries = try #require(timeline.json?["entries"] as? [[String: Any]])
            #expect(entries.map { $0["action"] as? String } == ["submit", "receive", "transfer", "assign", "complete-step", "approve",
                                                                 "issue-result", "return-result"])
            #expect(entries.allSatisfy { ($0["actor"] as? [String: Any])?["name"] as? String != nil })
            #expect(entries.compactMap { $0["onTime"] as? Bool }.allSatisfy { $0 })
            #expect(entries.first { $0["action"] as? String == "receive" }?["stepDueAt"] as? String != nil)
            // Another applicant, or an anonymous caller, sees nothing of it.
            #expect(try await desk.detail(code, as: "partner").status == 404)
            #expect(try await HTTP.request(.get, desk.cluster.url("/api/v1/dossiers/\(code)")).status == 401)
        }

        func supplementAtReception(_ desk: Desk) async throws {
            let code = try await desk.submit()
            try await desk.act(code, "request-supplement", as: "officer", #"{"missingItems": []}"#, expect: 400)
            let asked = try await desk.act(code, "request-supplement", as: "officer",
                                           #"{"missingItems": ["Bản chính Giấy chứng sinh", "Bản sao căn cước của người đi khai sinh"]}"#)
            #expect(asked.json?["form"] as? String == "02")
            #expect(try await desk.status(code, as: "citizen").code == 5)
            let form = try await desk.get("/api/v1/dossiers/\(code)/forms/02", as: "citizen")
            #expect(form.status == 200)
            #expect(String(decoding: form.body, as: UTF8.self).contains("Bản sao căn cước của người đi khai sinh"))
            try await desk.act(code, "supplement", as: "citizen", #"{"supplied": ["doc-gcs-2", "doc-cccd-2"]}"#)
            #expect(try await desk.status(code).code == 1)
            try await desk.act(code, "receive", as: "officer")
            #expect(try await desk.status(code).code == 2)
        }

        func refusal(_ desk: Desk) async throws {
            let code = try await desk.submit()
            try await desk.act(code, "refuse", as: "officer", #"{"reason": "   "}"#, expect: 400)
            let refused = try await desk.act(code, "refuse", as: "officer", #"{"reason": "Không thuộc thẩm quyền giải quyết của Sở Tư pháp"}"#)
            #expect(refused.json?["form"] as? String == "03")
            #expect(try await desk.status(code).code == 3)
            try await desk.act(code, "receive", as: "officer", expect: 409)
            try await desk.act(code, "withdraw", as: "citizen", #"{"reason": "Muộn"}"#, expect: 409)
            #expect(try await desk.get("/api/v1/dossiers/\(code)/forms/03?format=pdf", as: "officer").contentType == "application/pdf")
        }

        func supplementDuringHandling(_ desk: Desk, procedure: String, policy: String) async throws {
            // A counter submission: received at once (status 2, form 01, the clock starts).
            let code = try await desk.submit(procedure, channel: "direct", as: "officer")
            let opened = try await desk.status(code)
            #expect(opened.code == 2)
            #expect((opened.json["forms"] as? [[String: Any]])?.first?["number"] as? String == "01")
            try await desk.bringIntoHandling(code, received: true)
            try await desk.act(code, "request-supplement", as: "specialist", #"{"missingItems": ["Trích lục bản sao"]}"#)
            let suspended = try await desk.status(code)
            #expect(suspended.code == 5)
            #expect(suspended.json["suspended"] as? Bool == true)
            try await desk.act(code, "extend", as: "head", #"{"reason": "x", "newDueDate": "2030-01-02"}"#, expect: 409)  // while suspended
            try await desk.act(code, "supplement", as: "officer", #"{"supplied": ["doc-tl-1"]}"#)
            let resumed = try await desk.status(code)
            #expect(resumed.code == 4)
            let deadline = try #require(resumed.json["deadline"] as? [[String: Any]])
            #expect(deadline.map { $0["event"] as? String } == ["received", "suspended", "resumed"])
            #expect(deadline.last?["policy"] as? String == policy)
        }

        func interAgencyConsultation(_ desk: Desk) async throws {
            let code = try await desk.submit()
            try await desk.bringIntoHandling(code)
            try await desk.act(code, "consult", as: "specialist", #"{"agencies": ["000.00.02.H30", "000.00.02.H30"]}"#, expect: 400)
            try await desk.act(code, "consult", as: "specialist", #"{"agencies": ["000.00.02.H30", "000.00.03.H30"]}"#)
            #expect(try await desk.status(code).state == "awaiting-consultation")
            try await desk.act(code, "reply-consultation", as: "specialist", #"{"agency": "000.00.09.H30"}"#, expect: 400)
            try await desk.act(code, "reply-consultation", as: "specialist", #"{"agency": "000.00.02.H30"}"#)
            let waiting = try await desk.status(code)
            #expect(waiting.state == "awaiting-consultation")
            #expect(waiting.json["pendingConsultations"] as? [String] == ["000.00.03.H30"])
            try await desk.act(code, "reply-consultation", as: "specialist", #"{"agency": "000.00.03.H30"}"#)
            #expect(try await desk.status(code).state == "in-handling")
        }

        func payment(_ desk: Desk) async throws {
            let code = try await desk.submit()
            try await desk.bringIntoHandling(code)
            try await desk.act(code, "request-payment", as: "specialist", #"{"amount": -5}"#, expect: 400)
            try await desk.act(code, "request-payment", as: "specialist", #"{"amount": 200000}"#)
            #expect(try await desk.status(code, as: "citizen").code == 6)
            try await desk.act(code, "confirm-payment", as: "citizen", #"{"reference": "BL-1"}"#, expect: 403)
            try await desk.act(code, "confirm-payment", as: "officer", #"{"reference": "BL-2026-000123"}"#)
            let paid = try await desk.status(code)
            #expect(paid.code == 4)
            #expect((paid.json["deadline"] as? [[String: Any]])?.last?["policy"] as? String == "resume")
        }

        func extensionOnce(_ desk: Desk) async throws {
            // Three working days: a one-day dossier received before office hours is due that very
            // day, too late for any extension (it must be asked one working day before).
            let code = try await desk.submit(Desk.correction)
            try await desk.bringIntoHandling(code)
            let due = try #require(try await desk.status(code).json["dueAt"] as? String)
            let dueDate = try #require(LocalDate(iso: String(due.prefix(10))))
            let newDate = WorkingCalendar.standard.nextWorkingDay(after: dueDate.adding(days: 7))
            try await desk.act(code, "extend", as: "specialist", #"{"reason": "Cần xác minh", "newDueDate": "\#(newDate)"}"#, expect: 403)
            try await desk.act(code, "extend", as: "head", #"{"reason": "Cần xác minh thêm"}"#, expect: 400)
            let extended = try await desk.act(code, "extend", as: "head",
                                              #"{"reason": "Cần xác minh thông tin với cơ quan đăng ký hộ tịch nơi sinh", "newDueDate": "\#(newDate)"}"#)
            #expect(extended.json?["form"] as? String == "04")
            #expect((extended.json?["dueAt"] as? String)?.hasPrefix("\(newDate)") == true)
            #expect(try await desk.status(code).json["extended"] as? Bool == true)
            // Once per dossier.
            try await desk.act(code, "extend", as: "head", #"{"reason": "Lần nữa", "newDueDate": "\#(newDate.adding(days: 7))"}"#, expect: 409)
            // Asked on the due date or later: too late (the dossier backdated two weeks, as if received then).
            let late = try await desk.submit()
            try await desk.bringIntoHandling(late)
            try await Desk.backdate(late, days: 14)
            let refused = try await desk.act(late, "extend", as: "head", #"{"reason": "Quá muộn", "newDueDate": "\#(newDate)"}"#, expect: 409)
            #expect((refused.json?["detail"] as? String)?.contains("one working day before the due date") == true)
        }

        func stop(_ desk: Desk) async throws {
            let code = try await desk.submit()
            try await desk.bringIntoHandling(code)
            try await desk.act(code, "stop", as: "head", #"{"reason": "x"}"#, expect: 403)
            let stopped = try await desk.act(code, "stop", as: "leader", #"{"reason": "Người yêu cầu đã được cấp giấy khai sinh tại nơi khác"}"#)
            #expect(stopped.json?["form"] as? String == "05")
            #expect(try await desk.status(code).code == 8)
            try await desk.act(code, "complete-step", as: "specialist", expect: 409)
        }

        func withdrawal(_ desk: Desk) async throws {
            let code = try await desk.submit()
            try await desk.bringIntoHandling(code)
            try await desk.act(code, "withdraw", as: "citizen", #"{"reason": "Tôi muốn nộp lại hồ sơ khác"}"#)
            #expect(try await desk.status(code, as: "citizen").code == 7)
            try await desk.act(code, "withdraw", as: "citizen", #"{"reason": "Lần nữa"}"#, expect: 409)
        }

        func returnByEachChannel(_ desk: Desk) async throws {
            for channel in ["direct", "postal", "online"] {
                let code = try await desk.submit()
                try await desk.bringIntoHandling(code)
                try await desk.act(code, "complete-step", as: "specialist")
                try await desk.act(code, "approve", as: "leader")
                try await desk.act(code, "issue-result", as: "leader", #"{"resultDocuments": ["\#(UUID().uuidString.lowercased())"]}"#)
                try await desk.act(code, "return-result", as: "officer", #"{"channel": "pigeon"}"#, expect: 400)
                try await desk.act(code, "return-result", as: "officer", #"{"channel": "\#(channel)"}"#)
                let returned = try await desk.status(code)
                #expect(returned.code == 10)
                let history = try #require(returned.json["history"] as? [[String: Any]])
                #expect(history.last?["action"] as? String == "return-result")
            }
        }

        /// A retried step with its Idempotency-Key answers the first outcome and moves nothing.
        func retriedActions(_ desk: Desk) async throws {
            let code = try await desk.submit(Desk.correction)  // two handling steps: specialist, then head
            try await desk.bringIntoHandling(code)
            let key = "step-\(UUID().uuidString)"
            let first = try await desk.act(code, "complete-step", as: "specialist", idempotencyKey: key)
            let retry = try await desk.act(code, "complete-step", as: "specialist", idempotencyKey: key)
            #expect(retry.json?["replayed"] as? Bool == true)
            #expect(retry.json?["sequence"] as? Int == first.json?["sequence"] as? Int)
            let detail = try await desk.status(code)
            #expect(detail.state == "in-handling")
            #expect((detail.json["currentStep"] as? [String: Any])?["number"] as? Int == 2)
            try await desk.act(code, "send-back", as: "head", #"{"reason": "Bổ sung ý kiến thẩm định"}"#, expect: 422, idempotencyKey: key)
            try await desk.act(code, "complete-step", as: "specialist", expect: 403)  // step 2 is the head's
            try await desk.act(code, "complete-step", as: "head")
            #expect(try await desk.status(code).state == "awaiting-approval")
        }

        func workQueues(_ desk: Desk) async throws {
            let code = try await desk.submit()
            try await desk.bringIntoHandling(code)
            #expect(try await desk.queue("assignee=me&status=4", as: "specialist").contains(code))
            #expect(try await desk.queue("unit=H30-STP-HCTP&state=in-handling", as: "head").contains(code))
            #expect(try await desk.queue("", as: "citizen").contains(code))
            #expect(try await !desk.queue("", as: "citizen").contains { !$0.hasPrefix(Desk.justice) })
            #expect(try await desk.get("/api/v1/dossiers?pageSize=500", as: "officer").status == 400)
            #expect(try await desk.get("/api/v1/dossiers", as: "admin").status == 403)
        }
    }
}
