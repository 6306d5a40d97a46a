import Foundation

/// `processing.case-facts` (services only: the `system` role): what another service must know of
/// one case to act on it for the case's agency — documents, before it issues an e-result, learns
/// the agency, the owner, the workflow state and the codes processing has numbered. Unknown: 404.
public struct CaseFacts: Codable, Sendable, Hashable {
    public var code: String
    public var agencyCode: String
    /// The dossier's owner (the applicant's user id); nil for counter dossiers without an online owner.
    public var ownerId: String?
    /// The internal workflow state (`DossierState` raw value).
    public var state: String
    /// The e-result codes processing numbered when the result was issued.
    public var resultCodes: [String]

    public init(code: String, agencyCode: String, ownerId: String?, state: String, resultCodes: [String]) {
        self.code = code
        self.agencyCode = agencyCode
        self.ownerId = ownerId
        self.state = state
        self.resultCodes = resultCodes
    }
}
