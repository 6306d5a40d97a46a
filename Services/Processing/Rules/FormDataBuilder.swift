import Contracts
import Domain
import Forms
import Foundation
import Logging
import PostgresNIO

/// Gathers the data forms 01–07 print from a case: names of the agency and the desk come from
/// processing's org-unit copy, the rest from the case itself.
struct FormDataBuilder: Sendable {
    let schema: String

    /// The form `form` issued by `actor` at `at` for `record` (already moved by the action).
    func issued(_ form: DossierForm, for record: CaseRecord, procedure: ProcedureDefinition, actor: ActorRef, at: Date,
                reasons: [String], missingItems: [String], previousDue: Date?,
                on connection: PostgresConnection, logger: Logger) async throws -> FormData {
        var data = try await base(form, for: record, at: at, on: connection, logger: logger)
        data.deskName = try await unitName(actor.unit, on: connection, logger: logger)
        data.officerName = actor.name
        data.officerTitle = Role(rawValue: actor.role)?.vietnameseName
        data.reasons = reasons
        data.missingItems = missingItems
        switch form {
        case .receipt:
            let received = Set(record.attachments.map(\.componentCode))
            data.components = procedure.components.filter { received.contains($0.code) || record.channel == .direct && $0.required }
                .map { FormData.Component(name: $0.name, originals: $0.originals, copies: $0.copies) }
            data.returnChannel = Self.returnChannelName(record.channel)
        case .extensionNotice:
            data.dueAt = previousDue
            data.newDueAt = record.dueAt
        default:
            break
        }
        return data
    }

    /// The fields every form shares.
    func base(_ form: DossierForm, for record: CaseRecord, at: Date, on connection: PostgresConnection, logger: Logger) async throws -> FormData {
        FormData(formNumber: form.rawValue, dossierCode: record.code, procedureCode: record.procedureCode,
                 procedureName: record.procedureName ?? record.procedureCode,
                 agencyName: try await agencyName(record.agencyCode, on: connection, logger: logger) ?? record.agencyCode,
                 applicantName: record.applicant?.name ?? "", applicantIdNumber: record.applicant?.idNumber ?? "",
                 applicantAddress: record.applicant?.address, applicantPhone: record.applicant?.phone,
                 applicantEmail: record.applicant?.email, issuedAt: at, receivedAt: record.receivedAt, dueAt: record.dueAt)
    }

    static func returnChannelName(_ channel: SubmissionChannel) -> String {
        switch channel {
        case .direct: "Trực tiếp tại Bộ phận Một cửa"
        case .postal: "Qua dịch vụ bưu chính công ích"
        case .online: "Trực tuyến"
        }
    }

    func agencyName(_ agency: String, on connection: PostgresConnection, logger: Logger) async throws -> String? {
        for try await name in try await connection.query("""
            SELECT name FROM \(unescaped: schema).org_units WHERE agency_code = \(agency)
            ORDER BY (kind = 'agency') DESC, length(code) LIMIT 1
            """, logger: logger).decode(String.self) {
            return name
        }
        return nil
    }

    func unitName(_ unit: String?, on connection: PostgresConnection, logger: Logger) async throws -> String? {
        guard let unit else { return nil }
        for try await name in try await connection.query("""
            SELECT name FROM \(unescaped: schema).org_units WHERE code = \(unit)
            """, logger: logger).decode(String.self) {
            return name
        }
        return nil
    }
}
