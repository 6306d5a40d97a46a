import Contracts
import Foundation

/// What documents' audit trail records of a legal hold change: the hold before and after, and
/// which document it concerns (its dossier, name and content hash), with the request's id.
enum LegalHoldAudit {
    static func detail(before: DocumentView, after: DocumentView, requestID: String) -> String {
        let fields: [(String, String)] = [
            ("legalHold", "\(before.legalHold) -> \(after.legalHold)"),
            ("dossier", after.dossierCode ?? "-"),
            ("filename", after.filename),
            ("sha256", after.sha256),
            ("request", requestID),
        ]
        return fields.map { "\($0.0)=\($0.1)" }.joined(separator: "; ")
    }
}
