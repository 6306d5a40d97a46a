import Contracts
import Domain
import Foundation
import Logging

/// `payment-request` jobs: the order to the payment platform (`POST {orderId, dossierCode, amount,
/// currency, description, callbackUrl}`, signed like its callbacks).
struct PaymentRequestPerformer: JobPerformer {
    let http: OutboundHTTP
    let url: String
    let secret: String
    let callbackURL: String

    func perform(_ job: Job, logger: Logger) async -> JobOutcome {
        guard let code = job.subject, let order = job.payload["orderId"]?.stringValue,
              let amount = job.payload["amount"]?.numberValue else { return .dead(status: nil, error: "malformed payment job") }
        let request: JSONValue = .object([
            "orderId": .string(order), "dossierCode": .string(code), "amount": .number(amount), "currency": .string("VND"),
            "description": .string("Nộp phí, lệ phí hồ sơ \(code)"), "callbackUrl": .string(callbackURL),
        ])
        do {
            let body = try JSONEncoder().encode(request)
            let reply = try await http.post(url, body: body, headers: [(PaymentSignature.header, PaymentSignature.sign(body, secret: secret))])
            guard reply.isSuccess else { return .retry(status: reply.status, error: "HTTP \(reply.status): \(reply.excerpt)") }
            logger.info("payment requested", metadata: ["order": "\(order)", "amount": "\(Int64(amount))"])
            return .delivered(status: reply.status)
        } catch {
            return .retry(status: nil, error: "\(error)")
        }
    }
}

/// `confirm-payment` jobs: a paid order moves its dossier out of "financial obligation" through
/// `processing.act` (`confirm-payment`, as `system`). A dossier no longer awaiting payment (an
/// officer confirmed it at the desk) is not an error: there is nothing left to do.
struct ConfirmPaymentPerformer: JobPerformer {
    let calls: SystemCalls

    func perform(_ job: Job, logger: Logger) async -> JobOutcome {
        guard let code = job.subject, let reference = job.payload["transactionId"]?.stringValue else {
            return .dead(status: nil, error: "malformed confirmation job")
        }
        let command = DossierActionCommand(code: code, action: DossierAction.Kind.confirmPayment.rawValue,
                                           body: .object(["reference": .string(reference)]))
        do {
            _ = try await calls.call(.processing, "act", command, as: ActionOutcome.self, requestID: "payment-\(job.id)")
            logger.info("payment confirmed to processing", metadata: ["reference": "\(reference)"])
            return .delivered(status: 200)
        } catch let problem as Problem where problem.status == 409 {
            logger.info("dossier no longer awaits payment", metadata: ["detail": "\(problem.detail ?? "")"])
            return .delivered(status: 409)
        } catch let problem as Problem where (400..<500).contains(problem.status) {
            return .dead(status: problem.status, error: problem.detail ?? problem.title)
        } catch {
            return .retry(status: nil, error: "\(error)")
        }
    }
}
