import Domain
import Testing

@Suite struct DossierFactsTests {
    static let officer = DossierHappening.Actor(id: "u-7", name: "Trần Thị Bích", role: "specialist", unit: "phong-tu-phap")
    static let leader = DossierHappening.Actor(id: "u-9", name: "Lê Văn Cường", role: "agency-leader", unit: "lanh-dao")
    static let due = at(2026, 4, 24, 17, 0)
    static let extendedDue = at(2026, 4, 29, 17, 0)

    /// An online dossier: submitted, received, assigned, a supplement (suspension, then resumption
    /// with a new due date), extended, a step completed, approved, returned.
    static let events: [DossierHappening] = [
        Dossier.submitted(1, at(2026, 4, 20, 8, 0)),
        Dossier.transition(2, "status-changed", .awaitingReception, at(2026, 4, 20, 8, 0)),
        Dossier.transition(3, "received", .received, at(2026, 4, 20, 9, 0), due: at(2026, 4, 23, 17, 0)),
        Dossier.transition(4, "status-changed", .received, at(2026, 4, 20, 9, 0), due: at(2026, 4, 23, 17, 0)),
        Dossier.transition(5, "assigned", .inHandling, at(2026, 4, 20, 10, 0), due: at(2026, 4, 23, 17, 0), assignee: "u-7"),
        Dossier.transition(6, "supplement-requested", .supplementRequestedDuringHandling, at(2026, 4, 21, 10, 0), due: at(2026, 4, 23, 17, 0)),
        Dossier.transition(7, "supplemented", .inHandling, at(2026, 4, 22, 10, 0), due: due),
        Dossier.transition(8, "extended", .inHandling, at(2026, 4, 22, 11, 0), due: extendedDue),
        Dossier.transition(9, "step-completed", .awaitingApproval, at(2026, 4, 23, 11, 0), due: extendedDue, actor: officer),
        Dossier.transition(10, "approved", .approved, at(2026, 4, 27, 9, 0), due: extendedDue, actor: leader),
        Dossier.transition(11, "status-changed", .approved, at(2026, 4, 27, 9, 0), due: extendedDue, actor: leader),
        Dossier.transition(12, "result-returned", .returned, at(2026, 4, 28, 9, 0), due: extendedDue),
    ]

    @Test func foldingAHistoryKeepsWhatTheReportsNeed() throws {
        let (facts, steps) = try #require(DossierFacts.fold(code: "X", Self.events))
        #expect(facts.submittedAt == at(2026, 4, 20, 8, 0))
        #expect(facts.receivedAt == at(2026, 4, 20, 9, 0))
        #expect(facts.dueAt == Self.extendedDue)
        #expect(facts.resolvedAt == at(2026, 4, 27, 9, 0))  // the first time it reached status 9
        #expect(facts.suspendedSince == nil)
        #expect(facts.status == 10)
        #expect(facts.lastSequence == 12)
        #expect(facts.assignee == "u-7")
        #expect(facts.finishedAt == facts.resolvedAt)
        #expect(facts.handlingSeconds == Int64(604_800))
        // Resolved 27 April, due 29 April after the extension → early.
        #expect(facts.contributions.contains(ReportContribution(day: day(2026, 4, 27), measure: .resolvedEarly)))
        #expect(steps.count == 2)
        #expect(steps[0].officer == Self.officer)
        #expect(steps[0].handlingSeconds == 86_400)  // from the extension (22 April 11:00) to the step's end
        #expect(steps[0].onTime)
        #expect(steps[1].officer == Self.leader)
        #expect(steps[1].handlingSeconds == 4 * 86_400 - 2 * 3600)
        #expect(steps[1].onTime)
    }

    @Test func aSuspensionHoldsTheClockUntilResumed() throws {
        let suspended = try #require(DossierFacts.fold(code: "X", Array(Self.events.prefix(6)))).facts
        #expect(suspended.suspendedSince == at(2026, 4, 21, 10, 0))
        // Due 23 April, suspended before it: never overdue while suspended.
        #expect(suspended.overdueFrom == nil)
        let resumed = try #require(DossierFacts.fold(code: "X", Array(Self.events.prefix(7)))).facts
        #expect(resumed.suspendedSince == nil)
        #expect(resumed.overdueFrom == Self.due)
    }

    @Test func aDossierSuspendedAfterItsDueDateStaysOverdue() throws {
        let events = [
            Dossier.transition(2, "received", .received, at(2026, 4, 20, 9, 0), due: at(2026, 4, 21, 17, 0)),
            Dossier.transition(3, "supplement-requested", .supplementRequestedDuringHandling, at(2026, 4, 22, 9, 0), due: at(2026, 4, 21, 17, 0)),
        ]
        let facts = try #require(DossierFacts.fold(code: "X", events)).facts
        #expect(facts.overdueFrom == at(2026, 4, 21, 17, 0))
    }

    @Test func anyDeliveryOrderAndRepeatsFoldToTheSameFacts() throws {
        let inOrder = try #require(DossierFacts.fold(code: "X", Self.events))
        var rng = SplitMix64(seed: 42)
        for _ in 0..<50 {
            var shuffled = Self.events + Self.events.prefix(Int.random(in: 0...5, using: &rng))
            shuffled.shuffle(using: &rng)
            let folded = try #require(DossierFacts.fold(code: "X", shuffled))
            #expect(folded.facts == inOrder.facts)
            #expect(folded.steps == inOrder.steps)
        }
    }

    @Test func foldingOneMoreEventEqualsFoldingAllAgain() throws {
        for count in 1..<Self.events.count {
            var facts = try #require(DossierFacts.fold(code: "X", Array(Self.events.prefix(count)))).facts
            facts.apply(Self.events[count])
            #expect(facts == DossierFacts.fold(code: "X", Array(Self.events.prefix(count + 1)))?.facts)
        }
    }

    @Test func deltasAddUpToTheFinalContributions() throws {
        var counters: [LocalDate: MeasureCounts] = [:]
        var previous: DossierFacts?
        for count in 1...Self.events.count {
            let facts = try #require(DossierFacts.fold(code: "X", Array(Self.events.prefix(count)))).facts
            for (day, delta) in DossierFacts.delta(from: previous, to: facts) {
                counters[day] = (counters[day] ?? .init()) + delta
            }
            previous = facts
        }
        var expected: [LocalDate: MeasureCounts] = [:]
        for contribution in previous!.contributions { expected[contribution.day, default: .init()][contribution.measure] += 1 }
        let nonZero = counters.compactMapValues { counts -> MeasureCounts? in
            let kept = counts.values.filter { $0.value != 0 }
            return kept.isEmpty ? nil : MeasureCounts(kept)
        }
        #expect(nonZero == expected)
    }

    @Test func refusalAtReceptionIsNeverReceived() throws {
        let facts = try #require(DossierFacts.fold(code: "X", [
            Dossier.submitted(1, at(2026, 4, 20, 8, 0)),
            Dossier.transition(2, "status-changed", .awaitingReception, at(2026, 4, 20, 8, 0)),
            Dossier.transition(3, "refused", .refused, at(2026, 4, 20, 10, 0)),
        ])).facts
        #expect(facts.receivedAt == nil)
        #expect(facts.finishedAt == nil)
        #expect(facts.endStatus == 3)
        #expect(facts.contributions == [ReportContribution(day: day(2026, 4, 20), measure: .refused)])
    }

    @Test func aCounterSubmissionIsReceivedAtOnce() throws {
        let facts = try #require(DossierFacts.fold(code: "X", [
            Dossier.submitted(1, at(2026, 4, 20, 8, 0), channel: .direct),
            Dossier.transition(2, "status-changed", .received, at(2026, 4, 20, 8, 0), due: Self.due, channel: .direct),
        ])).facts
        #expect(facts.receivedAt == at(2026, 4, 20, 8, 0))
        #expect(facts.contributions.contains(ReportContribution(day: day(2026, 4, 20), measure: .receivedOther)))
        #expect(facts.contributions.contains(ReportContribution(day: day(2026, 4, 24), measure: .becameOverdue)))
    }
}
