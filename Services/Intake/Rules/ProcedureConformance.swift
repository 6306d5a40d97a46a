import Contracts
import Domain
import ServiceKit

/// Checks a well-formed submission against the procedure version it is made under: the agency
/// handles the procedure, the channel is allowed, and the e-form is filled as the catalog defines
/// it. Every problem is named with its field.
enum ProcedureConformance {
    static func problems(_ submission: Submission, against procedure: ProcedureDefinition) -> [FieldError] {
        var problems: [FieldError] = []
        if !procedure.agencies.contains(submission.agencyCode.rawValue) {
            problems.append(FieldError(field: "agencyCode", message:
                "does not handle procedure \(procedure.code); it is handled by \(procedure.agencies.joined(separator: ", "))"))
        }
        if !procedure.channels.contains(submission.channel) {
            problems.append(FieldError(field: "channel", message:
                "\(submission.channel.rawValue) is not allowed for procedure \(procedure.code); allowed: \(procedure.channels.map(\.rawValue).joined(separator: ", "))"))
        }
        problems += EFormValidator.problems(in: .object(submission.form), against: procedure.eForm)
        problems += componentProblems(submission.attachments, against: procedure.components)
        return problems
    }

    /// Every required component handed in, and nothing the procedure does not ask for.
    static func componentProblems(_ attachments: [Submission.Attachment], against components: [DossierComponent]) -> [FieldError] {
        var problems: [FieldError] = []
        let known = Set(components.map(\.code))
        for (index, attachment) in attachments.enumerated() where !known.contains(attachment.componentCode) {
            problems.append(FieldError(field: "attachments[\(index)].componentCode", message:
                "\(attachment.componentCode) is not a component of this procedure; its components: \(components.map(\.code).joined(separator: ", "))"))
        }
        let handedIn = Set(attachments.map(\.componentCode))
        for component in components where component.required && !handedIn.contains(component.code) {
            problems.append(FieldError(field: "attachments", message: "must include the required component \(component.code) (\(component.name))"))
        }
        return problems
    }

    /// Counter and postal submissions are entered by a one-stop officer (a counter submission is
    /// received at once); anyone may submit online.
    static func checkChannel(_ channel: SubmissionChannel, caller: Caller) throws {
        guard channel != .online else { return }
        guard caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard caller.holds(Role.oneStopOfficer.rawValue) else {
            throw Problem(status: 403, title: "Forbidden", detail:
                "Only a one-stop officer enters \(channel.rawValue) submissions; applicants submit online.")
        }
    }

    /// The officer who entered a counter or postal submission.
    static func enteringOfficer(_ channel: SubmissionChannel, caller: Caller) -> ActorRef? {
        guard channel != .online, let user = caller.userId else { return nil }
        let unit = caller.units(holding: .oneStopOfficer).first
        return ActorRef(id: user, name: user, role: Role.oneStopOfficer.rawValue, unit: unit)
    }

    static func unknownProcedure(_ code: String) -> FieldError {
        FieldError(field: "procedureCode", message: "is not a published procedure (\(code))")
    }
}
