/// Whether a submission's attachment may become one of its dossier's documents
/// (`documents.dossier_documents`, recorded from intake's hand-over).
///
/// A document the dossier's owner owns is theirs to reuse: it may belong to several of their
/// dossiers. Any other document — an anonymous upload, a portal file, an officer's scan — is
/// taken by the dossier (an *exclusive* link): once taken, no other dossier may name it, and a
/// document already in another dossier cannot be taken.
public enum DossierLinkRule {
    /// A link already recorded for the document.
    public struct ExistingLink: Sendable, Hashable {
        public var dossierCode: String
        public var exclusive: Bool

        public init(dossierCode: String, exclusive: Bool) {
            self.dossierCode = dossierCode
            self.exclusive = exclusive
        }
    }

    /// The link would be exclusive: the document is not the dossier owner's own.
    public static func isExclusive(documentOwner: String?, dossierOwner: String?) -> Bool {
        guard let documentOwner else { return true }
        return documentOwner != dossierOwner
    }

    /// Why the document may not be linked to `dossierCode`; nil when it may. `placedIn` is the
    /// dossier a write (`attach`, an upload into a dossier) put the document in, if any.
    public static func refusal(exclusive: Bool, into dossierCode: String, existing: [ExistingLink], placedIn: String?) -> String? {
        let elsewhere = existing.filter { $0.dossierCode != dossierCode }
        if elsewhere.contains(where: \.exclusive) { return "already taken by another dossier" }
        if exclusive, !elsewhere.isEmpty || (placedIn.map { $0 != dossierCode } ?? false) {
            return "already belongs to another dossier"
        }
        return nil
    }
}
