import Contracts
import Domain
import Foundation
import Logging
import PostgresNIO
import ServiceKit
import Storage

/// E-results (`documents.result.issue|invalidate|get|verify`): a stored document becomes the
/// dossier's result `{dossier code}-KQ{n}`, signed by the dossier's agency; an invalidated
/// result stays stored, marked (Decree 45/2020 Art. 15); anyone holding a file may verify it.
/// Issuing and invalidating are for the staff serving the case's agency (as processing knows the
/// case), issuing only once the case's result was issued; the owner is the case's.
struct ResultHandlers: Sendable {
    let runtime: ServiceRuntime
    let blobs: BlobStore
    let documents: DocumentStore
    let results: ResultStore
    let signatures: SignatureStore
    let signer: DetachedSigner
    let units: OrgUnitCopies
    let cases: CaseFactsClient

    func issue(_ request: IssueResult, context: RPCContext) async throws -> ResultView {
        guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
        var errors: [FieldError] = []
        let dossier = DossierCode(request.dossierCode)
        if dossier == nil {
            errors.append(FieldError(field: "dossierCode", message: "must be a dossier code such as 000.00.00.H30-251125-0001"))
        }
        let documentId = UUID(uuidString: request.documentId)
        if documentId == nil { errors.append(FieldError(field: "documentId", message: "must be a document id (UUID)")) }
        guard errors.isEmpty, let dossier, let documentId else { throw ValidationFailure(errors) }
        guard context.caller.holds(Role.agencyLeader.rawValue) || context.caller.holds(Role.oneStopOfficer.rawValue) else {
            throw Problem(status: 403, title: "Forbidden", detail: "Agency leaders and one-stop officers issue e-results.")
        }
        // Agency, owner and state are the case's, as processing holds them; never the body's.
        guard let facts = try await cases.facts(dossier.description, requestID: context.requestId) else {
            throw Problem.notFound("No dossier \(dossier) to issue an e-result for.")
        }
        let logger = context.logger
        let serves = try await runtime.database.withConnection { connection in
            try await DocumentAccess.serves(facts.agencyCode, caller: context.caller, roles: [.agencyLeader, .oneStopOfficer],
                                            units: units, on: connection, logger: logger)
        }
        guard serves else {
            throw Problem(status: 403, title: "Forbidden", detail:
                "Chỉ lãnh đạo hoặc cán bộ một cửa phục vụ cơ quan \(facts.agencyCode) được cấp kết quả cho hồ sơ này. "
                + "Only agency leaders and one-stop officers serving agency \(facts.agencyCode) issue its e-results.")
        }
        try Self.requireIssuable(facts)
        if let claimed = request.ownerId, claimed != facts.ownerId {
            throw ValidationFailure([FieldError(field: "ownerId", message:
                "is the dossier's owner, taken from the dossier; it may not be set (chủ sở hữu kết quả là chủ hồ sơ)")])
        }
        let view = try await runtime.database.transaction(logger: logger) { connection in
            guard let document = try await documents.find(documentId, on: connection, logger: logger) else {
                throw Problem.notFound("No document \(request.documentId).")
            }
            try DocumentAccess.requireWrite(document, caller: context.caller)
            // After processing's own codes, so the result-issued event's results never collide.
            let ordinal = max(try await results.nextOrdinal(dossier.description, on: connection, logger: logger),
                              facts.resultCodes.count + 1)
            let code = "\(dossier.description)-KQ\(ordinal)"
            return try await register(document, id: documentId, as: code, ordinal: ordinal, dossier: dossier.description,
                                      agency: facts.agencyCode, ownerId: facts.ownerId, issuedBy: context.caller.userId ?? "-",
                                      correlationID: context.requestId, on: connection, logger: logger)
        }
        runtime.relay.wake()
        return view
    }

    /// A further e-result is issued only once the workflow has issued the case's result (the
    /// leader approved it and `issue-result` numbered it): before approval there is nothing to
    /// issue, and an approved case issues its result through `issue-result`, which moves the case.
    static func requireIssuable(_ facts: CaseFacts) throws {
        let state = DossierState(rawValue: facts.state)
        switch state {
        case .resultIssued?, .returned?:
            return
        case .approved?:
            throw Problem(status: 409, title: "Action not allowed now", detail:
                "Hồ sơ \(facts.code) đã được phê duyệt: kết quả được cấp bằng thao tác issue-result của hồ sơ. "
                + "Dossier \(facts.code) is approved: issue its result with POST /api/v1/dossiers/\(facts.code)/issue-result.",
                type: "urn:onegate:problem:action-not-allowed")
        default:
            throw Problem(status: 409, title: "Action not allowed now", detail:
                "Hồ sơ \(facts.code) chưa được phê duyệt kết quả (trạng thái \(state?.summary ?? facts.state)). "
                + "Dossier \(facts.code) has no approved result yet (state \(state?.summary ?? facts.state)); e-results follow approval.",
                type: "urn:onegate:problem:action-not-allowed")
        }
    }

    /// Records `document` as the result `code`, signs it for `agency` unless already signed, and
    /// announces `documents.result.signed`, in the caller's transaction.
    func register(_ document: DocumentView, id documentId: UUID, as code: String, ordinal: Int, dossier: String, agency: String,
                  ownerId: String?, issuedBy: String, correlationID: String?,
                  on connection: PostgresConnection, logger: Logger) async throws -> ResultView {
        try await results.insert(code: code, dossierCode: dossier, ordinal: ordinal, document: documentId,
                                 ownerId: ownerId, issuedBy: issuedBy, on: connection, logger: logger)
        if try await signatures.find(document: documentId, on: connection, logger: logger) == nil {
            let signature = try signer.sign(try blobs.mapBlob(document.sha256), agency: agency)
            try await signatures.insert(document: documentId, agency: agency, signature: signature, on: connection, logger: logger)
        }
        guard let stored = try await results.find(code, on: connection, logger: logger) else { throw Problem.internalError }
        try await runtime.outbox.enqueue([
            try OutboxMessage.event(.resultSigned, source: .documents, subject: dossier, sequence: nil,
                                    payload: DocumentEvent(id: document.id, sha256: document.sha256, size: document.size,
                                                           mediaType: document.mediaType, ownerId: ownerId ?? document.ownerId,
                                                           dossierCode: dossier, resultCode: code),
                                    correlationID: correlationID),
        ], on: connection, logger: logger)
        return stored.view
    }

    func invalidate(_ request: InvalidateResult, context: RPCContext) async throws -> ResultView {
        try context.caller.require(.agencyLeader, forbidden: "Only agency leaders invalidate e-results.")
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= 2_000 else {
            throw ValidationFailure([FieldError(field: "reason", message: "must give the reason (1 to 2000 characters)")])
        }
        let logger = context.logger
        let stored = try await find(request.code, context: context)
        // The case's agency (processing's), else the agency that signed it.
        let agency = try await cases.facts(stored.view.dossierCode, requestID: context.requestId)?.agencyCode
            ?? stored.agencyCode ?? DossierCode(stored.view.dossierCode)?.agency.rawValue
        let serves = try await runtime.database.withConnection { connection in
            try await DocumentAccess.serves(agency, caller: context.caller, roles: [.agencyLeader], units: units,
                                            on: connection, logger: logger)
        }
        guard serves else {
            throw Problem(status: 403, title: "Forbidden", detail:
                "Chỉ lãnh đạo cơ quan \(agency ?? "giải quyết hồ sơ") được hủy kết quả này. "
                + "Only leaders of agency \(agency ?? "handling the dossier") invalidate its e-results.")
        }
        let view = try await runtime.database.transaction(logger: logger) { connection in
            guard try await results.invalidate(request.code, by: context.caller.userId ?? "-", reason: reason,
                                               on: connection, logger: logger) else {
                throw Problem.conflict("E-result \(request.code) was already invalidated.")
            }
            let result = stored.view
            try await runtime.outbox.enqueue([
                try OutboxMessage.event(.resultInvalidated, source: .documents, subject: result.dossierCode, sequence: nil,
                                        payload: DocumentEvent(id: result.documentId, sha256: result.sha256, size: 0, mediaType: "",
                                                               ownerId: stored.ownerId, dossierCode: result.dossierCode,
                                                               resultCode: result.code, reason: reason),
                                        correlationID: context.requestId),
            ], on: connection, logger: logger)
            guard let updated = try await results.find(request.code, on: connection, logger: logger) else { throw Problem.internalError }
            return updated.view
        }
        runtime.relay.wake()
        return view
    }

    /// The result as its owner and officers see it.
    func get(_ request: ResultReference, context: RPCContext) async throws -> ResultView {
        guard context.caller.isAuthenticated else { throw Problem.authenticationRequired }
        let stored = try await find(request.code, context: context)
        let serves = try await runtime.database.withConnection { connection in
            try await DocumentAccess.servesDossier(stored.view.dossierCode, caller: context.caller, units: units,
                                                   on: connection, logger: context.logger)
        }
        guard stored.ownerId == context.caller.userId || serves else {
            throw Problem(status: 403, title: "Forbidden", detail: "Only the result's owner and officers may see it.")
        }
        return stored.view
    }

    /// Public: whether a presented file is this result, whether its signature (the presented one,
    /// or the stored one) holds over it, and whether the result was invalidated.
    func verify(_ request: VerifyResult, context: RPCContext) async throws -> VerificationReport {
        let stored = try await find(request.code, context: context)
        let result = stored.view
        let fileMatches = request.sha256.lowercased() == result.sha256
        var signatureValid = false
        if fileMatches, let agency = stored.agencyCode, let signedAt = result.signedAt {
            let presented = request.signature.flatMap { Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }
            if request.signature != nil && presented == nil {
                throw ValidationFailure([FieldError(field: "signature", message: "must be a base64 DER CMS signature")])
            }
            let signature: [UInt8]
            if let presented {
                signature = [UInt8](presented)
            } else if let id = UUID(uuidString: result.documentId),
                      let own = try await runtime.database.withConnection({ connection in
                          try await signatures.find(document: id, on: connection, logger: context.logger)
                      }) {
                signature = own.cms
            } else {
                signature = []
            }
            signatureValid = await signer.isValid(signature, over: try blobs.mapBlob(result.sha256), agency: agency, signedAt: signedAt)
        }
        return VerificationReport(code: result.code, fileMatches: fileMatches, signatureValid: signatureValid,
                                  invalidated: result.invalidated, invalidatedAt: result.invalidatedAt,
                                  invalidationReason: result.invalidationReason, signer: result.signer)
    }

    private func find(_ code: String, context: RPCContext) async throws -> ResultStore.Stored {
        guard code.count <= 64, code.range(of: #"^.+-KQ[0-9]+$"#, options: .regularExpression) != nil else {
            throw ValidationFailure([FieldError(field: "code", message: "must be an e-result code such as 000.00.00.H30-251125-0001-KQ1")])
        }
        guard let stored = try await runtime.database.withConnection({ connection in
            try await results.find(code, on: connection, logger: context.logger)
        }) else {
            throw Problem.notFound("No e-result \(code).")
        }
        return stored
    }
}
