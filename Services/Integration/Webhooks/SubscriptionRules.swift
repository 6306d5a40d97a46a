import Contracts
import Domain
import Foundation

/// Reads a subscription request (`{url, events, filter: {agency, procedure}}`), naming every
/// offending field at once; unknown fields are refused.
struct SubscriptionRules: Sendable {
    struct Input: Sendable {
        let url: String
        let events: [String]
        let agency: String?
        let procedure: String?
    }

    let guardian: URLGuard

    func parse(_ body: JSONValue) async throws -> Input {
        guard let object = body.objectValue else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be a JSON object")])
        }
        var errors: [FieldError] = []
        for key in object.keys.sorted() where !["url", "events", "filter"].contains(key) {
            errors.append(FieldError(field: key, message: "is not a field of a subscription"))
        }
        var url = ""
        switch object["url"] {
        case .string(let text)?:
            url = text.trimmingCharacters(in: .whitespaces)
            do {
                _ = try await guardian.vet(url)
            } catch {
                errors.append(FieldError(field: "url", message: "\(error)"))
            }
        case nil, .null?: errors.append(FieldError(field: "url", message: "is required"))
        default: errors.append(FieldError(field: "url", message: "must be a string"))
        }
        var events: [String] = []
        if let list = object["events"]?.arrayValue, !list.isEmpty {
            for (index, item) in list.enumerated() {
                if let name = item.stringValue, PartnerEvents.names.contains(name) {
                    if !events.contains(name) { events.append(name) }
                } else {
                    errors.append(FieldError(field: "events[\(index)]",
                                             message: "must be one of " + PartnerEvents.names.joined(separator: ", ")))
                }
            }
        } else {
            errors.append(FieldError(field: "events", message: "must be a non-empty array of event names: "
                                     + PartnerEvents.names.joined(separator: ", ")))
        }
        var agency: String?
        var procedure: String?
        switch object["filter"] {
        case nil, .null?: break
        case .object(let filter)?:
            for key in filter.keys.sorted() where !["agency", "procedure"].contains(key) {
                errors.append(FieldError(field: "filter.\(key)", message: "is not a filter (agency, procedure)"))
            }
            switch filter["agency"] {
            case nil, .null?: break
            case .string(let text)? where AgencyIdentifier.isWellFormed(text): agency = text
            default: errors.append(FieldError(field: "filter.agency", message: "must be an agency identifier such as 000.00.01.H30"))
            }
            switch filter["procedure"] {
            case nil, .null?: break
            case .string(let text)? where ProcedureCode.isWellFormed(text): procedure = text
            default: errors.append(FieldError(field: "filter.procedure", message: "must be a procedure code such as 1.001193"))
            }
        default: errors.append(FieldError(field: "filter", message: "must be an object {agency, procedure}"))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return Input(url: url, events: events, agency: agency, procedure: procedure)
    }

    /// A replay range `{from, to}` (RFC 3339, from before to).
    static func range(_ body: JSONValue) throws -> (from: Date, to: Date) {
        guard let object = body.objectValue else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be a JSON object {from, to}")])
        }
        var errors: [FieldError] = []
        for key in object.keys.sorted() where !["from", "to"].contains(key) {
            errors.append(FieldError(field: key, message: "is not a field of a replay (from, to)"))
        }
        let from = object["from"]?.stringValue.flatMap(WireJSON.parseDate)
        let to = object["to"]?.stringValue.flatMap(WireJSON.parseDate)
        if from == nil { errors.append(FieldError(field: "from", message: "must be an RFC 3339 time")) }
        if to == nil { errors.append(FieldError(field: "to", message: "must be an RFC 3339 time")) }
        if let from, let to, from >= to { errors.append(FieldError(field: "to", message: "must be after from")) }
        guard errors.isEmpty, let from, let to else { throw ValidationFailure(errors) }
        return (from, to)
    }
}
