import Contracts
import Foundation
import Messaging
import ServiceKit

/// `documents`: files (streamed uploads into a content-addressed store, versions, dossier
/// components, digitised copies), signed e-results and their verification, the applicant's
/// electronic data store, retention. Operator commands: `documents purge`,
/// `documents agency-certificate <agency code>`, `documents verify-audit`, `documents audit-log [N]`.
@main
struct DocumentsService {
    static func main() async throws {
        if let command = CommandLine.arguments.dropFirst().first {
            exit(try await DocumentsCommands.run(command, arguments: Array(CommandLine.arguments.dropFirst(2))))
        }
        let runtime = try ServiceRuntime(service: .documents,
                                         migrationsDirectory: Bundle.module.url(forResource: "Migrations", withExtension: nil))
        let settings = DocumentsSettings(runtime.environment)
        let schema = runtime.outbox.schema
        let blobs = BlobStore(root: settings.root)
        try blobs.prepare()
        let keys = AgencyKeys(root: settings.root, sealer: AtRestSealer.fromEnvironmentOrExit(runtime.environment))
        // Keys stored before sealing (or under a rotated-out data key) are sealed before serving.
        let sealed = try await AtRestSealer.refusingToStartUnlessOpens { try keys.sealStoredKeys() }
        if sealed > 0 { runtime.logger.info("sealed stored agency keys", metadata: ["agencies": "\(sealed)"]) }
        let signer = DetachedSigner(keys: keys)
        let store = DocumentStore(schema: schema)
        let results = ResultStore(schema: schema)
        let signatures = SignatureStore(schema: schema)
        let committer = UploadCommitter(runtime: runtime, settings: settings, blobs: blobs, store: store,
                                        signatures: signatures, signer: signer)
        let units = OrgUnitCopies(schema: schema)
        let links = DossierLinkStore(schema: schema)
        let calls = PeerCalls(runtime: runtime)
        let dossiers = DossierOwnership(calls: calls)
        let upload = UploadHandlers(runtime: runtime, settings: settings, blobs: blobs, committer: committer, units: units,
                                    dossiers: dossiers)
        let read = ReadHandlers(runtime: runtime, settings: settings, blobs: blobs, store: store, results: results,
                                signatures: signatures, keys: keys, units: units, links: links)
        let result = ResultHandlers(runtime: runtime, blobs: blobs, documents: store, results: results, signatures: signatures,
                                    signer: signer, units: units, cases: CaseFactsClient(calls: calls))
        let manage = ManageHandlers(runtime: runtime, settings: settings, store: store, units: units, dossiers: dossiers,
                                    audit: DocumentsAudit.chain(runtime.environment))
        let claims = ClaimHandlers(runtime: runtime, store: store)
        let dossierDocuments = DossierDocumentsHandler(runtime: runtime, store: store, links: links, units: units,
                                                       cases: CaseFactsClient(calls: calls))
        var routes = RPCRoutes(service: .documents, logger: runtime.logger)
        routes.on("upload.begin", UploadBegin.self, handler: upload.begin)
        routes.on("upload.chunk", UploadChunk.self, handler: upload.chunk)
        routes.on("upload.commit", UploadCommit.self, handler: upload.commit)
        routes.on("upload.abort", UploadAbort.self, handler: upload.abort)
        routes.on("upload.limits", Empty.self) { _, _ in
            UploadLimits(maximumFileBytes: settings.maximumFileBytes, maximumDossierBytes: settings.maximumDossierBytes,
                         mediaTypes: MediaSniffer.allowed.sorted())
        }
        routes.on("meta", DocumentReference.self, handler: read.meta)
        routes.on("download.open", DownloadOpen.self, handler: read.open)
        routes.on("download.chunk", DownloadChunk.self, handler: read.chunk)
        routes.on("signature", DocumentReference.self, handler: read.signature)
        routes.on("library", LibraryQuery.self, handler: read.library)
        routes.on("dossier", CaseReference.self, handler: dossierDocuments.list)
        routes.on("attach", AttachDocument.self, handler: manage.attach)
        routes.on("legal-hold", LegalHold.self, handler: manage.legalHold)
        routes.on("check-attachments", AttachmentCheck.self, handler: claims.check)
        routes.on("result.issue", IssueResult.self, handler: result.issue)
        routes.on("result.invalidate", InvalidateResult.self, handler: result.invalidate)
        routes.on("result.get", ResultReference.self, handler: result.get)
        routes.on("result.verify", VerifyResult.self, handler: result.verify)
        let housekeeping = Housekeeping(runtime: runtime, settings: settings, blobs: blobs,
                                        purge: RetentionPurge(schema: schema, blobs: blobs))
        runtime.setReadiness("org-units", false)  // until identity's tree is loaded
        try await runtime.run(routes: routes, subscriptions: [
            ResultIssuedHandler(results: result).subscription,
            SubmittedAttachmentsHandler(links: links).subscription,
            units.subscription(queue: "documents.identity-events"),
        ]) {
        } afterSubscribed: {
            await withDiscardingTaskGroup { group in
                group.addTask { await calls.run() }
                await units.synchronise(runtime: runtime)
                await housekeeping.run()
            }
        }
    }
}
