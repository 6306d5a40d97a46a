import Contracts
import Domain
import Foundation
import ServiceKit

/// `integration.payment-callback`: the payment platform's signed callback
/// (`{orderId, transactionId, amount, status: "paid" | "failed"}`). A bad or missing signature is
/// refused (401) and logged; a valid one settles the order once — the same callback again is
/// answered `duplicate` with no second effect — and, in the same transaction, queues the
/// confirmation that moves the dossier out of "financial obligation".
struct PaymentCallbackHandler: Sendable {
    let runtime: ServiceRuntime
    let payments: PaymentStore
    let jobs: JobStore
    let secret: String

    func handle(_ callback: PaymentCallback, context: RPCContext) async throws -> PaymentCallbackResult {
        let logger = context.logger
        guard let body = Data(base64Encoded: callback.bodyBase64) else { throw Problem.internalError }
        guard PaymentSignature.verify(body, signature: callback.signature, secret: secret) else {
            logger.warning("payment callback refused: bad signature",
                           metadata: ["signaturePresent": "\(callback.signature != nil)", "bytes": "\(body.count)"])
            throw Problem(status: 401, title: "Invalid signature",
                          detail: "The callback's \(PaymentSignature.header) does not match its body.")
        }
        let input = try Self.parse(body)
        guard input.status == "paid" else {
            logger.info("payment callback without payment", metadata: ["order": "\(input.order)", "status": "\(input.status)"])
            return PaymentCallbackResult(orderId: input.order, dossierCode: "", status: "ignored")
        }
        let settlement = try await runtime.database.transaction(logger: logger) { connection in
            let settlement = try await payments.settle(order: input.order, transaction: input.transaction, amount: input.amount,
                                                       on: connection, logger: logger)
            if case .applied(let code) = settlement {
                _ = try await jobs.enqueue([NewJob(kind: .confirmPayment, dedupeKey: "confirm:\(input.order)", subject: code,
                                                   payload: .object(["orderId": .string(input.order.uuidString.lowercased()),
                                                                     "transactionId": .string(input.transaction)]))],
                                           on: connection, logger: logger)
            }
            return settlement
        }
        switch settlement {
        case .applied(let code):
            logger.info("payment applied", metadata: ["order": "\(input.order)", "code": "\(code)"])
            return PaymentCallbackResult(orderId: input.order, dossierCode: code, status: "applied")
        case .duplicate(let code):
            logger.info("duplicate payment callback ignored", metadata: ["order": "\(input.order)"])
            return PaymentCallbackResult(orderId: input.order, dossierCode: code, status: "duplicate")
        case .unknownOrder:
            throw Problem.notFound("No payment order \(input.order).")
        case .amountMismatch(let expected):
            throw ValidationFailure([FieldError(field: "amount", message: "must be the amount requested (\(expected))")])
        case .paidByAnother:
            throw Problem.conflict("The order was paid by another transaction.")
        case .transactionReused:
            throw Problem.conflict("The transaction settled another order.")
        }
    }

    struct Input {
        let order: UUID
        let transaction: String
        let amount: Int64
        let status: String
    }

    static func parse(_ body: Data) throws -> Input {
        guard let object = (try? JSONDecoder().decode(JSONValue.self, from: body))?.objectValue else {
            throw ValidationFailure([FieldError(field: "", message: "the body must be a JSON object")])
        }
        var errors: [FieldError] = []
        let order = object["orderId"]?.stringValue.flatMap(UUID.init(uuidString:))
        if order == nil { errors.append(FieldError(field: "orderId", message: "must be the order id (UUID) of our request")) }
        let transaction = object["transactionId"]?.stringValue ?? ""
        if transaction.isEmpty || transaction.count > 100 {
            errors.append(FieldError(field: "transactionId", message: "must be 1 to 100 characters"))
        }
        let amount = object["amount"]?.numberValue
        if amount == nil || amount! <= 0 || amount!.rounded() != amount! {
            errors.append(FieldError(field: "amount", message: "must be a positive whole number of đồng"))
        }
        let status = object["status"]?.stringValue ?? ""
        if !["paid", "failed"].contains(status) { errors.append(FieldError(field: "status", message: "must be paid or failed")) }
        guard errors.isEmpty, let order, let amount else { throw ValidationFailure(errors) }
        return Input(order: order, transaction: transaction, amount: Int64(amount), status: status)
    }
}
