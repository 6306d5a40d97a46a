import Contracts
import Domain
import Foundation
import ServiceKit

/// `integration.portal-submit`: a dossier submitted on the National Public Service Portal enters
/// intake on the online channel. The portal's record (`MaHoSo`, `MaTTHC`, `MaDonVi`, `ChuHoSo`,
/// `LoaiDoiTuong`, `SoGiayTo`, `SoDienThoai`, `Email`, `DiaChi`, `DuLieuBieuMau`, `TaiLieuNop`)
/// becomes our submission, sent to `intake.submit` by integration as `system` with the portal's
/// code as the idempotency key (the portal may send a dossier twice; it is created once) and the
/// partner account that sent it, whose `portal-submitter` right for the agency intake checks (403
/// without it). Intake's field errors come back under the portal's field names.
struct PortalSubmissionHandler: Sendable {
    let calls: SystemCalls

    static let fieldNames: [(ours: String, portal: String)] = [
        ("procedureCode", "MaTTHC"), ("agencyCode", "MaDonVi"), ("applicant.name", "ChuHoSo"), ("applicant.kind", "LoaiDoiTuong"),
        ("applicant.idNumber", "SoGiayTo"), ("applicant.phone", "SoDienThoai"), ("applicant.email", "Email"),
        ("applicant.address", "DiaChi"), ("applicant", "ChuHoSo"), ("form", "DuLieuBieuMau"), ("attachments", "TaiLieuNop"),
    ]

    func handle(_ request: PortalDossierSubmission, context: RPCContext) async throws -> PortalSubmissionReceipt {
        guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
        guard context.caller.kind == "partner" else {
            throw Problem(status: 403, title: "Forbidden", detail: "Only partner accounts submit portal dossiers.")
        }
        let (portalCode, submission) = try Self.submission(from: request.body)
        do {
            let receipt = try await calls.call(.intake, "submit", SubmitDossier(body: submission, idempotencyKey: "portal-\(portalCode)",
                                                                                  portalPartner: context.caller),
                                               as: SubmissionReceipt.self, requestID: context.requestId)
            context.logger.info("portal dossier received", metadata: ["portalCode": "\(portalCode)", "code": "\(receipt.code)"])
            return PortalSubmissionReceipt(portalCode: portalCode, code: receipt.code, status: receipt.status,
                                           submittedAt: receipt.submittedAt, lookupToken: receipt.lookupToken, replayed: receipt.replayed)
        } catch var problem as Problem {
            problem.errors = problem.errors?.map { FieldError(field: Self.portalField($0.field), message: $0.message) }
            if let errors = problem.errors, problem.status == 400 { throw Problem.validation(errors) }
            throw problem
        }
    }

    /// The portal's code and our submission body, or a 400 naming the portal's fields.
    static func submission(from body: JSONValue) throws -> (String, JSONValue) {
        guard let record = body.objectValue else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be the portal's dossier object")])
        }
        var errors: [FieldError] = []
        let known = ["MaHoSo", "MaTTHC", "MaDonVi", "ChuHoSo", "LoaiDoiTuong", "SoGiayTo", "SoDienThoai", "Email", "DiaChi",
                     "DuLieuBieuMau", "TaiLieuNop"]
        for key in record.keys.sorted() where !known.contains(key) {
            errors.append(FieldError(field: key, message: "is not a field of a portal dossier"))
        }
        let portalCode = record["MaHoSo"]?.stringValue ?? ""
        if portalCode.isEmpty || portalCode.count > 100 || !portalCode.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0.value <= 0x7E }) {
            errors.append(FieldError(field: "MaHoSo", message: "must be the portal's dossier code (1 to 100 visible ASCII characters)"))
        }
        let kind: String
        switch record["LoaiDoiTuong"] {
        case .string("2")?, .number(2)?: kind = "organisation"
        case nil, .string("1")?, .number(1)?: kind = "citizen"
        default:
            kind = "citizen"
            errors.append(FieldError(field: "LoaiDoiTuong", message: "must be 1 (citizen) or 2 (organisation)"))
        }
        var attachments: [JSONValue] = []
        switch record["TaiLieuNop"] {
        case nil, .null?: break
        case .array(let items)?:
            for (index, item) in items.enumerated() {
                guard let component = item["MaThanhPhan"]?.stringValue, let document = item["MaTaiLieu"]?.stringValue else {
                    errors.append(FieldError(field: "TaiLieuNop[\(index)]", message: "must be {MaThanhPhan, MaTaiLieu}"))
                    continue
                }
                attachments.append(.object(["componentCode": .string(component), "documentId": .string(document)]))
            }
        default: errors.append(FieldError(field: "TaiLieuNop", message: "must be an array of {MaThanhPhan, MaTaiLieu}"))
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        var applicant: [String: JSONValue] = ["kind": .string(kind)]
        for (ours, portal) in [("name", "ChuHoSo"), ("idNumber", "SoGiayTo"), ("phone", "SoDienThoai"), ("email", "Email"),
                               ("address", "DiaChi")] {
            if let value = record[portal], value != .null { applicant[ours] = value }
        }
        var submission: [String: JSONValue] = [
            "channel": .string("online"), "applicant": .object(applicant), "attachments": .array(attachments),
            "form": record["DuLieuBieuMau"] ?? .object([:]),
        ]
        if let procedure = record["MaTTHC"] { submission["procedureCode"] = procedure }
        if let agency = record["MaDonVi"] { submission["agencyCode"] = agency }
        return (portalCode, .object(submission))
    }

    /// Intake's field name as the portal knows it (`form.childName` → `DuLieuBieuMau.childName`).
    static func portalField(_ field: String) -> String {
        for (ours, portal) in fieldNames where field == ours || field.hasPrefix(ours + ".") || field.hasPrefix(ours + "[") {
            return portal + field.dropFirst(ours.count)
        }
        return field
    }
}
