import Crypto
import Foundation
import PostgresNIO
import Testing

extension Integration {
    /// Issue 7 end to end, with the real processes and a simulated outside world: signed partner
    /// webhooks (latency, tampering, dead letters and replay, disabling), the national portal
    /// (down for a while, then every change in order), payments, email and SMS, portal submissions.
    @Suite struct PartnerIntegrationTests {
        @Test func partnersPortalPaymentsAndNotificationsWorkEndToEnd() async throws {
            let world = OutsideWorld()
            let server = try await world.start()
            let smtp = SMTPSink(port: OutsideWorld.smtpPort)
            try smtp.start()
            let cluster = try await ServiceCluster.start()
            let desk = Desk(cluster)
            let partner = Partner(desk: desk, world: world)
            do {
                try await subscriptionsAreValidated(desk)
                try await webhookTargetsAreVetted(desk)
                let all = try await partner.subscribe("a", events: ["dossier.status-changed", "dossier.result-issued",
                                                                    "dossier.result-returned", "dossier.overdue"], agency: Desk.justice)
                _ = try await partner.subscribe("b", events: ["dossier.status-changed"], procedure: Desk.correction)
                try await signedDeliveriesArriveQuickly(partner, world: world)
                try await portalDownThenEveryChangeInOrder(desk, world: world)
                try await deadLetterThenReplay(partner, world: world)
                let disabled = try await failingEndpointIsDisabled(partner, world: world)
                try await deliveriesFollowNoRedirectAndCopyNoReply(partner, world: world)
                try await subscriptionChangesAreAudited(partner, disabled: disabled)
                try await paymentCallbacks(desk, world: world)
                try await applicantIsNotified(partner, smtp: smtp, world: world)
                try await portalDossiersEnterIntake(desk)
                try await eventsKeepTheirIds(world)
                #expect(try await partner.subscription(all)["status"] as? String == "active")
            } catch {
                Issue.record(error)
            }
            let exits = await cluster.stop()
            for (service, code) in exits { #expect(code == 0, "\(service) exit \(String(describing: code))") }
            smtp.stop()
            server.cancel()
        }

        func subscriptionsAreValidated(_ desk: Desk) async throws {
            let url = desk.cluster.url("/api/v1/subscriptions")
            let valid = #"{"url": "\#(OutsideWorld.baseURL)/hooks/x", "events": ["dossier.status-changed"]}"#
            #expect(try await HTTP.postJSON(url, valid).status == 401)
            #expect(try await HTTP.postJSON(url, valid, headers: try await desk.headers("citizen")).status == 403)
            let bad = try await HTTP.postJSON(url, #"{"url": "ftp://example.vn/x", "events": ["dossier.nope"], "filter": {"agency": "H30"}, "extra": 1}"#,
                                              headers: try await desk.headers("partner"))
            #expect(bad.status == 400)
            #expect(Set(bad.problemFields) == ["url", "events[0]", "filter.agency", "extra"], "\(bad.problemFields)")
            let unknown = try await desk.get("/api/v1/subscriptions/\(UUID().uuidString)", as: "partner")
            #expect(unknown.status == 404)
        }

        /// Status changes reach hook `a` signed (the receiver verifies every one) and filtered
        /// (hook `b` wants another procedure); a tampered delivery is refused. Prints the delay.
        func signedDeliveriesArriveQuickly(_ partner: Partner, world: OutsideWorld) async throws {
            let desk = partner.desk
            var changes: [(code: String, action: String, sent: Date, answered: Date)] = []
            var codes: [String] = []
            for _ in 0..<30 {
                let code = try await desk.submit()
                codes.append(code)
                for action in ["receive", "transfer"] {
                    let sent = Date()
                    try await desk.act(code, action, as: "officer")
                    changes.append((code, action, sent, Date()))
                }
            }
            let arrived = await eventually(timeout: .seconds(30)) {
                let delivered = world.deliveries(to: "a").filter { $0.type.hasSuffix("status-changed.v1") }
                return codes.allSatisfy { code in delivered.filter { $0.subject == code }.count >= 3 }
            }
            #expect(arrived, "every status change of the 30 dossiers reaches the subscriber")
            let delivered = world.deliveries(to: "a")
            var afterAnswer: [Double] = []
            var afterRequest: [Double] = []
            for change in changes {
                guard let delivery = delivered.first(where: { $0.subject == change.code && $0.action == change.action
                                                         && $0.type.hasSuffix("status-changed.v1") }) else { continue }
                afterAnswer.append(delivery.receivedAt.timeIntervalSince(change.answered) * 1000)
                afterRequest.append(delivery.receivedAt.timeIntervalSince(change.sent) * 1000)
            }
            #expect(afterRequest.count == changes.count)
            print(String(format: "webhook delay over %d status changes: after the action's request p50 %.1f ms, p99 %.1f ms; "
                         + "after its 200 p50 %.1f ms, p99 %.1f ms", afterRequest.count, percentile(afterRequest, 0.5),
                         percentile(afterRequest, 0.99), percentile(afterAnswer, 0.5), percentile(afterAnswer, 0.99)))
            #expect(world.deliveries(to: "b").allSatisfy { !codes.contains($0.subject) }, "hook b filters on another procedure")
            // A receiver that checks signatures refuses a delivery whose body was changed on the way.
            let genuine = try #require(delivered.first)
            var tampered = genuine.body
            tampered[tampered.startIndex + tampered.count / 2] ^= 0x01
            #expect(!WebhookVerifier.verify(id: genuine.id, timestamp: genuine.timestamp, body: tampered, signatures: genuine.signature,
                                            secret: world.read { $0.hookSecrets["a"] ?? "" }))
            let refusalsBefore = world.read(\.hookRefusals)
            let replayed = try await HTTP.request(.post, URL(string: "\(OutsideWorld.baseURL)/hooks/a")!, body: tampered, headers: [
                "Content-Type": "application/json", "webhook-id": genuine.id, "webhook-timestamp": genuine.timestamp,
                "webhook-signature": genuine.signature])
            #expect(replayed.status == 401)
            #expect(world.read(\.hookRefusals) == refusalsBefore + 1)
        }

        /// With the portal down, changes queue; once it is back every change arrives, in order per dossier.
        func portalDownThenEveryChangeInOrder(_ desk: Desk, world: OutsideWorld) async throws {
            world.set { $0.portalDown = true }
            var codes: [String] = []
            for _ in 0..<2 {
                let code = try await desk.submit()
                try await desk.bringIntoHandling(code)
                try await desk.act(code, "complete-step", as: "specialist")
                try await desk.act(code, "approve", as: "leader")
                codes.append(code)
            }
            try await Task.sleep(for: .milliseconds(800))
            let whileDown = world.read { $0.portalCalls.flatMap(\.records).filter { codes.contains($0["MaHoSo"] ?? "") } }
            #expect(whileDown.isEmpty, "nothing reaches a portal that is down")
            world.set { $0.portalDown = false }
            for code in codes {
                let expected = await statusSequence(of: code, world: world)
                #expect(expected.count >= 4, "\(code): \(expected)")
                let complete = await eventually(timeout: .seconds(30)) { progress(of: code, world: world).count >= expected.count }
                #expect(complete, "\(code): every change reaches the portal")
                #expect(progress(of: code, world: world).map { $0["TrangThai"] ?? "" } == expected.map(String.init),
                        "\(code): the portal sees the changes in order")
                let syncs = world.read { $0.portalCalls.filter { $0.service == "DongBoHoSoMC" && $0.records.first?["MaHoSo"] == code } }
                #expect(syncs.map(\.isUpdating) == [false] + Array(repeating: true, count: max(0, syncs.count - 1)))
                let last = try #require(syncs.last?.records.first)
                #expect(last["TrangThaiHoSo"] == "9")
                #expect(last["NgayHenTra"]?.count == 14 && last["NgayTiepNhan"]?.count == 14)
                #expect(last["ChuHoSo"] == "Nguyễn Thị Hồng Nhung" && last["MaTTHC"] == Desk.birth)
            }
        }

        /// The national status codes of a dossier's changes, in sequence order, as hook `a` got them.
        func statusSequence(of code: String, world: OutsideWorld) async -> [Int] {
            _ = await eventually(timeout: .seconds(15)) {
                world.deliveries(to: "a").filter { $0.subject == code && $0.toStatus == 9 }.count >= 1
            }
            var seen = Set<Int>()
            return world.deliveries(to: "a").filter { $0.subject == code && $0.type.hasSuffix("status-changed.v1") }
                .sorted { $0.sequence < $1.sequence }.filter { seen.insert($0.sequence).inserted }.compactMap(\.toStatus)
        }

        func progress(of code: String, world: OutsideWorld) -> [[String: String]] {
            world.read { $0.portalCalls.filter { $0.service == "CapNhatTienDoHoSoMC" }.flatMap(\.records).filter { $0["MaHoSo"] == code } }
        }

        /// A delivery that keeps failing is retried, then dead-lettered; a replay of its time
        /// range delivers it with the same id.
        func deadLetterThenReplay(_ partner: Partner, world: OutsideWorld) async throws {
            let subscription = try await partner.subscribe("c", events: ["dossier.status-changed"], agency: Desk.justice)
            let code = try await partner.desk.submit()
            #expect(await eventually { world.deliveries(to: "c").contains { $0.subject == code } })
            world.set { $0.failingHooks.insert("c") }
            let start = Date().addingTimeInterval(-5)
            try await partner.desk.act(code, "receive", as: "officer")
            var dead: [String: Any]?
            _ = await eventually(timeout: .seconds(30), every: .milliseconds(250)) {
                dead = try? await partner.deliveries(subscription, status: "dead").first { $0["subject"] as? String == code }
                return dead != nil
            }
            let item = try #require(dead, "the failing delivery is dead-lettered")
            #expect((item["attempts"] as? Int ?? 0) > 2, "retried before it died: \(item)")
            #expect(item["lastStatus"] as? Int == 503)
            world.set { $0.failingHooks.remove("c") }
            let range = #"{"from": "\#(ISO8601DateFormatter().string(from: start))", "to": "\#(ISO8601DateFormatter().string(from: Date().addingTimeInterval(2)))"}"#
            let replay = try await HTTP.postJSON(partner.desk.cluster.url("/api/v1/subscriptions/\(subscription)/replay"), range,
                                                 headers: try await partner.desk.headers("partner"))
            #expect(replay.status == 202 && (replay.json?["queued"] as? Int ?? 0) >= 1, "\(String(decoding: replay.body, as: UTF8.self))")
            let eventID = try #require(item["eventId"] as? String)
            #expect(await eventually { world.deliveries(to: "c").contains { $0.id.lowercased() == eventID.lowercased() && $0.subject == code } },
                    "the replay delivers the dead-lettered event with its own id")
            #expect(await eventually {
                (try? await partner.deliveries(subscription))?.contains { $0["replay"] as? Bool == true && $0["status"] as? String == "delivered" } == true
            }, "the delivery log shows the replay delivered")
        }

        /// An endpoint that fails attempt after attempt is disabled, and that is announced; its id.
        func failingEndpointIsDisabled(_ partner: Partner, world: OutsideWorld) async throws -> String {
            world.set { $0.failingHooks.insert("d") }
            let subscription = try await partner.subscribe("d", events: ["dossier.status-changed"])
            var disabled = false
            for _ in 0..<12 where !disabled {
                _ = try await partner.desk.submit()
                disabled = await eventually(timeout: .seconds(3)) {
                    (try? await partner.subscription(subscription))?["status"] as? String == "disabled"
                }
            }
            #expect(disabled, "a subscription failing too often is disabled")
            let view = try await partner.subscription(subscription)
            #expect((view["disabledReason"] as? String)?.contains("in a row failed") == true)
            let announced = try await withPostgres(role: "integration") { client in
                try await client.integer("""
                    SELECT count(*)::int FROM integration.outbox
                    WHERE routing_key = 'integration.subscription.disabled' AND body::text LIKE \("%" + subscription.lowercased() + "%")
                    """)
            }
            #expect(announced == 1, "integration.subscription.disabled is emitted once")
            let replay = try await HTTP.postJSON(partner.desk.cluster.url("/api/v1/subscriptions/\(subscription)/replay"),
                                                 #"{"from": "2026-01-01T00:00:00+07:00", "to": "2036-01-01T00:00:00+07:00"}"#,
                                                 headers: try await partner.desk.headers("partner"))
            #expect(replay.status == 409, "a disabled subscription is enabled before a replay")
            world.set { $0.failingHooks.remove("d") }
            return subscription
        }

        /// The payment request goes to the platform; a callback with a bad signature is refused;
        /// a good one applied once, even when sent twice; the dossier leaves "financial obligation".
        func paymentCallbacks(_ desk: Desk, world: OutsideWorld) async throws {
            let code = try await desk.submit()
            try await desk.bringIntoHandling(code)
            try await desk.act(code, "request-payment", as: "specialist", #"{"amount": 200000}"#)
            var request: [String: Any]?
            _ = await eventually {
                request = world.read { $0.paymentRequests }.lazy.compactMap { entry -> [String: Any]? in
                    guard let json = (try? JSONSerialization.jsonObject(with: entry.body)) as? [String: Any],
                          json["dossierCode"] as? String == code else { return nil }
                    return json
                }.first
                return request != nil
            }
            let order = try #require(request?["orderId"] as? String, "the payment platform gets the request")
            #expect(request?["amount"] as? Int == 200000)
            let signed = world.read { $0.paymentRequests }.first { String(decoding: $0.body, as: UTF8.self).contains(code) }
            #expect(signed?.signature == Self.sign(signed?.body ?? Data()), "our request carries the platform's signature scheme")
            let callback = Data(#"{"orderId": "\#(order)", "transactionId": "GD-\#(UUID().uuidString.prefix(8))", "amount": 200000, "status": "paid"}"#.utf8)
            let url = desk.cluster.url("/api/v1/payments/callback")
            let forged = try await HTTP.request(.post, url, body: callback, headers: [
                "Content-Type": "application/json", "X-Payment-Signature": "sha256=" + String(repeating: "0", count: 64)])
            #expect(forged.status == 401)
            #expect(try await HTTP.request(.post, url, body: callback, headers: ["Content-Type": "application/json"]).status == 401)
            #expect(try await desk.status(code).code == 6)
            let headers = ["Content-Type": "application/json", "X-Payment-Signature": Self.sign(callback)]
            let first = try await HTTP.request(.post, url, body: callback, headers: headers)
            #expect(first.status == 200 && first.json?["status"] as? String == "applied", "\(String(decoding: first.body, as: UTF8.self))")
            let second = try await HTTP.request(.post, url, body: callback, headers: headers)
            #expect(second.status == 200 && second.json?["status"] as? String == "duplicate")
            #expect(await eventually { (try? await desk.status(code).code) == 4 }, "the paid dossier is handled again")
            try await Task.sleep(for: .milliseconds(500))
            let timeline = try await desk.get("/api/v1/dossiers/\(code)/timeline", as: "officer")
            let entries = timeline.json?["entries"] as? [[String: Any]] ?? []
            #expect(entries.filter { $0["action"] as? String == "confirm-payment" }.count == 1, "one confirmation for two callbacks")
        }

        static func sign(_ body: Data) -> String {
            let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(OutsideWorld.paymentSecret.utf8)))
            return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        }

        /// Receiving a dossier emails its applicant in Vietnamese (a real SMTP exchange) and texts them.
        func applicantIsNotified(_ partner: Partner, smtp: SMTPSink, world: OutsideWorld) async throws {
            let email = "nhung.nguyen.\(UUID().uuidString.prefix(6).lowercased())@example.vn"
            let code = try await partner.submitWithContact(email: email, phone: "0912345678", applicant: "Nguyễn Thị Hồng Nhung")
            try await partner.desk.act(code, "receive", as: "officer")
            #expect(await eventually { smtp.messages.contains { $0.recipients.contains(email) } }, "the email reaches the SMTP sink")
            let message = try #require(smtp.messages.first { $0.recipients.contains(email) })
            #expect(message.subject == "Hồ sơ \(code) đã được tiếp nhận")
            #expect(message.text.contains("Kính gửi Ông/Bà Nguyễn Thị Hồng Nhung,"))
            #expect(message.text.contains("Hồ sơ \(code) về thủ tục"))
            #expect(message.text.contains("của Ông/Bà đã được tiếp nhận."))
            #expect(message.text.contains("Ngày hẹn trả kết quả:"))
            #expect(await eventually { world.read { $0.sms }.contains { $0["to"] == "0912345678" && ($0["text"] ?? "").contains(code) } })
            let log = (try? String(contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent(".data/test/logs/e2e-integration.log"),
                                   encoding: .utf8)) ?? ""
            #expect(log.contains("applicant notice queued"))
            #expect(!log.contains(email), "the applicant's email is masked in logs")
        }

        /// A dossier from the national portal enters intake online, once however often it is sent.
        func portalDossiersEnterIntake(_ desk: Desk) async throws {
            let portalCode = "G22.99-\(UUID().uuidString.prefix(8))"
            var components: [String] = []
            for component in ["TK", "GCS", "GTTT"] {  // the portal's files, uploaded by its partner account
                let id = try await Uploads.document(desk.cluster, headers: try await desk.headers("partner"))
                components.append(#"{"MaThanhPhan": "\#(component)", "MaTaiLieu": "\#(id)"}"#)
            }
            let body = """
                {"MaHoSo": "\(portalCode)", "MaTTHC": "\(Desk.birth)", "MaDonVi": "\(Desk.justice)", "ChuHoSo": "Trần Văn Cường",
                 "LoaiDoiTuong": "1", "SoGiayTo": "001186012345", "SoDienThoai": "0987654321", "DiaChi": "Phường Hoàn Kiếm",
                 "DuLieuBieuMau": {"applicantName": "Trần Văn Cường", "applicantIdNumber": "001186012345", "childName": "Trần Văn An",
                                   "childBirthDate": "2026-11-20", "childSex": "Nam", "birthPlace": "Bệnh viện tỉnh", "relationship": "Cha"},
                 "TaiLieuNop": [\(components.joined(separator: ", "))]}
                """
            let url = desk.cluster.url("/api/v1/portal/dossiers")
            #expect(try await HTTP.postJSON(url, body).status == 401)
            #expect(try await HTTP.postJSON(url, body, headers: try await desk.headers("citizen")).status == 403)
            let created = try await HTTP.postJSON(url, body, headers: try await desk.headers("partner"))
            #expect(created.status == 201, "\(String(decoding: created.body, as: UTF8.self))")
            let code = try #require(created.json?["code"] as? String)
            #expect(created.json?["portalCode"] as? String == portalCode)
            #expect((created.json?["status"] as? [String: Any])?["code"] as? Int == 1)
            let again = try await HTTP.postJSON(url, body, headers: try await desk.headers("partner"))
            #expect(again.status == 200 && again.json?["code"] as? String == code, "the same portal dossier is created once")
            #expect(await eventually { (try? await desk.status(code).code) == 1 })
            let wrong = try await HTTP.postJSON(url, body.replacingOccurrences(of: "\"MaTTHC\": \"\(Desk.birth)\"", with: "\"MaTTHC\": \"9.999999\"")
                                                    .replacingOccurrences(of: portalCode, with: portalCode + "-x"),
                                                headers: try await desk.headers("partner"))
            #expect(wrong.status == 400 && wrong.problemFields == ["MaTTHC"], "\(String(decoding: wrong.body, as: UTF8.self))")
            try await onlyPartnersWithTheRightSubmit(desk, url: url, body: body)
        }

        /// Issue 14, defect 8: a partner submits portal dossiers only for the agencies of the org
        /// units it holds `portal-submitter` in (granted by their administrator; the demo partner
        /// holds it in H30). Intake checks it — before a replay, which would hand out the dossier's
        /// lookup token — for portal dossiers and a partner's direct submissions alike.
        func onlyPartnersWithTheRightSubmit(_ desk: Desk, url: URL, body: String) async throws {
            let suffix = UUID().uuidString.prefix(6).lowercased()
            let admin = try await desk.headers("admin")
            let users = desk.cluster.url("/api/v1/users")
            func account(_ name: String, kind: String, role: String, unit: String) -> String {
                #"{"username": "\#(name)-\#(suffix)", "displayName": "Đối tác \#(name)", "kind": "\#(kind)", "password": "Partner@2026x", "roles": [{"role": "\#(role)", "orgUnit": "\#(unit)"}]}"#
            }
            let staff = try await HTTP.postJSON(users, account("staff", kind: "staff", role: "portal-submitter", unit: "H30"), headers: admin)
            #expect(staff.status == 400 && staff.problemFields == ["roles[0].role"], "portal-submitter is for partner accounts only")
            let noRight = try await HTTP.postJSON(users, account("noright", kind: "partner", role: "partner", unit: "H30"), headers: admin)
            #expect(noRight.status == 201, "\(String(decoding: noRight.body, as: UTF8.self))")
            let elsewhere = try await HTTP.postJSON(users, account("elsewhere", kind: "partner", role: "portal-submitter", unit: "H30-PVHCC"),
                                                    headers: admin)
            #expect(elsewhere.status == 201, "\(String(decoding: elsewhere.body, as: UTF8.self))")
            let signIns = SignIns(desk.cluster)
            for name in ["noright", "elsewhere"] {
                let headers = try await signIns.headers("\(name)-\(suffix)", password: "Partner@2026x")
                let again = try await HTTP.postJSON(url, body, headers: headers)
                #expect(again.status == 403, "\(name): a known portal dossier is not replayed: \(String(decoding: again.body, as: UTF8.self))")
                #expect(again.json?["lookupToken"] == nil)
                let fresh = body.replacingOccurrences(of: "\"MaHoSo\": \"", with: "\"MaHoSo\": \"\(name)-")
                let refused = try await HTTP.postJSON(url, fresh, headers: headers)
                #expect(refused.status == 403, "\(name) submits for \(Desk.justice): \(String(decoding: refused.body, as: UTF8.self))")
                #expect(String(decoding: refused.body, as: UTF8.self).contains(name == "noright" ? "portal-submitter" : Desk.justice))
            }
            // A partner's direct submission is held to the same right.
            let direct = #"""
                {"procedureCode": "\#(Desk.birth)", "agencyCode": "\#(Desk.justice)", "channel": "online",
                 "applicant": {"kind": "citizen", "name": "Trần Văn Cường", "idNumber": "001186012345"}, "form": {}, "attachments": []}
                """#
            let directly = try await HTTP.postJSON(desk.cluster.url("/api/v1/dossiers"), direct,
                                                   headers: try await signIns.headers("noright-\(suffix)", password: "Partner@2026x"))
            #expect(directly.status == 403, "\(String(decoding: directly.body, as: UTF8.self))")
        }

        /// Across every receiver: one event (dossier and sequence) only ever arrived under one id.
        func eventsKeepTheirIds(_ world: OutsideWorld) async throws {
            let deliveries = world.read(\.hooks)
            var ids: [String: Set<String>] = [:]
            var bodies: [String: Set<Data>] = [:]
            for delivery in deliveries {
                ids["\(delivery.subject)#\(delivery.sequence)", default: []].insert(delivery.id)
                bodies[delivery.id, default: []].insert(delivery.body)
            }
            #expect(!ids.isEmpty)
            #expect(ids.values.allSatisfy { $0.count == 1 }, "an event never arrives with two different ids")
            #expect(bodies.values.allSatisfy { $0.count == 1 }, "an id always carries the same event")
            #expect(deliveries.allSatisfy { $0.id == $0.json["id"] as? String }, "webhook-id is the CloudEvents id")
        }
    }
}
