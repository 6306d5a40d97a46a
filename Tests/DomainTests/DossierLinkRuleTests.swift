import Domain
import Testing

/// Which submitted attachments become a dossier's: the owner's documents are reused across their
/// dossiers; anything else is taken by the first dossier and by no other.
@Suite struct DossierLinkRuleTests {
    typealias Link = DossierLinkRule.ExistingLink

    @Test func onlyTheDossierOwnersOwnDocumentIsShared() {
        #expect(!DossierLinkRule.isExclusive(documentOwner: "citizen-1", dossierOwner: "citizen-1"))
        #expect(DossierLinkRule.isExclusive(documentOwner: nil, dossierOwner: nil), "an anonymous upload")
        #expect(DossierLinkRule.isExclusive(documentOwner: nil, dossierOwner: "citizen-1"))
        #expect(DossierLinkRule.isExclusive(documentOwner: "officer-1", dossierOwner: nil), "an officer's scan of a counter dossier")
        #expect(DossierLinkRule.isExclusive(documentOwner: "citizen-2", dossierOwner: "citizen-1"))
    }

    @Test func anOwnedDocumentIsReusedUnlessAnotherDossierTookIt() {
        let reused = [Link(dossierCode: "A", exclusive: false)]
        #expect(DossierLinkRule.refusal(exclusive: false, into: "B", existing: reused, placedIn: nil) == nil)
        #expect(DossierLinkRule.refusal(exclusive: false, into: "B", existing: reused, placedIn: "C") == nil, "attached elsewhere too")
        #expect(DossierLinkRule.refusal(exclusive: false, into: "B", existing: [Link(dossierCode: "A", exclusive: true)],
                                        placedIn: nil) != nil)
    }

    @Test func aTakenDocumentGoesToTheFirstDossierOnly() {
        #expect(DossierLinkRule.refusal(exclusive: true, into: "A", existing: [], placedIn: nil) == nil)
        #expect(DossierLinkRule.refusal(exclusive: true, into: "A", existing: [Link(dossierCode: "A", exclusive: true)],
                                        placedIn: nil) == nil, "the same hand-over again")
        #expect(DossierLinkRule.refusal(exclusive: true, into: "B", existing: [Link(dossierCode: "A", exclusive: true)],
                                        placedIn: nil) != nil)
        #expect(DossierLinkRule.refusal(exclusive: true, into: "B", existing: [Link(dossierCode: "A", exclusive: false)],
                                        placedIn: nil) != nil, "in another dossier already")
        #expect(DossierLinkRule.refusal(exclusive: true, into: "B", existing: [], placedIn: "A") != nil, "attached to another dossier")
        #expect(DossierLinkRule.refusal(exclusive: true, into: "A", existing: [], placedIn: "A") == nil)
    }
}
