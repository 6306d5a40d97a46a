import Contracts
import Domain
import Foundation

/// Reads any dossier event (`intake.dossier.submitted`, `processing.dossier.*`) into the
/// `DossierHappening` the read models fold. Unknown dossier events yield nil (kept in the log only).
enum DossierEventReader {
    /// The envelope with the union of the payloads' fields reporting uses.
    private struct Envelope: Decodable {
        var time: Date
        var subject: String?
        var sequence: Int64?
        var data: Payload
    }

    private struct Side: Decodable {
        var code: Int
        var state: String
    }

    private struct Payload: Decodable {
        var code: String
        var agencyCode: String?
        var procedureCode: String?
        var channel: SubmissionChannel?
        var submittedAt: Date?
        var to: Side?
        var at: Date?
        var dueAt: Date?
        /// The name (status-changed) or `{id, name, role, unit}` (step events).
        var actor: JSONValue?
        var actorDetail: ActorRef?
        var unit: String?
        var assignee: String?
        var data: JSONValue?
    }

    /// The dossier code and its happening; nil for events reporting does not fold.
    static func read(routingKey: String, body: Data) throws -> (code: String, happening: DossierHappening)? {
        let prefixes = ["intake.dossier.", "processing.dossier."]
        guard let prefix = prefixes.first(where: routingKey.hasPrefix) else { return nil }
        let name = String(routingKey.dropFirst(prefix.count))
        let envelope = try WireJSON.decode(Envelope.self, from: body)
        let payload = envelope.data
        let code = envelope.subject ?? payload.code
        guard let agency = payload.agencyCode, let procedure = payload.procedureCode else { return nil }
        let sequence = envelope.sequence ?? 0
        let kind: DossierHappening.Kind
        let at: Date
        if prefix == "intake.dossier." {
            guard name == "submitted", let submittedAt = payload.submittedAt else { return nil }
            kind = .submitted
            at = submittedAt
        } else if name == "overdue" || name == "deadline-approaching" {
            kind = .deadline
            at = payload.at ?? envelope.time
        } else {
            guard let to = payload.to else { return nil }
            kind = .transition(event: name, status: to.code, state: to.state)
            at = payload.at ?? envelope.time
        }
        var actor = payload.actorDetail
        if actor == nil, case .object(let fields)? = payload.actor, case .string(let id)? = fields["id"],
           case .string(let actorName)? = fields["name"], case .string(let role)? = fields["role"] {
            var unit: String?
            if case .string(let value)? = fields["unit"] { unit = value }
            actor = DossierHappening.Actor(id: id, name: actorName, role: role, unit: unit)
        }
        var assignee = payload.assignee
        if name == "assigned", case .object(let fields)? = payload.data, case .string(let value)? = fields["assignee"] {
            assignee = value
        }
        let happening = DossierHappening(
            kind: kind, sequence: sequence, at: Moment(at), agencyCode: agency, procedureCode: procedure, channel: payload.channel,
            dueAt: kind == .deadline ? nil : payload.dueAt.map(Moment.init), actor: actor, unit: payload.unit, assignee: assignee)
        return (code, happening)
    }
}
