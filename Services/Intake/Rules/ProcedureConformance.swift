import Contracts
import Domain

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
        return problems
    }

    static func unknownProcedure(_ code: String) -> FieldError {
        FieldError(field: "procedureCode", message: "is not a published procedure (\(code))")
    }
}
