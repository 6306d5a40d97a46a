import Contracts
import Domain
import Foundation
import OnegateWeb

/// The status page's "what the applicant must do now" with the button to do it: the items of a
/// supplement request, the fee to pay, withdrawing while the dossier is not finished, and — for the
/// owner signed in — the e-results to download and verify.
enum ApplicantTaskView {
    static func view(_ tracked: DossierTracking.Tracked, holder: DossierHolder, t: MessageCatalog, paymentEnabled: Bool,
                     results: [ResultView]) -> [String: Any] {
        var view: [String: Any] = [:]
        switch tracked.applicantTask?.kind {
        case .supplement?:
            view["supplement"] = ["items": tracked.applicantTask?.missingItems ?? [], "href": holder.path("supplement")]
        case .pay?:
            var payment: [String: Any] = [:]
            if let amount = tracked.applicantTask?.amount {
                payment["amount"] = t.format("pay_amount", ["amount": Money.dong(Int(amount))])
            }
            if paymentEnabled { payment["href"] = holder.path("pay") }
            view["payment"] = payment
        case nil:
            break
        }
        // Until processing has opened the case there is nothing to withdraw yet (a moment after submission).
        if let state = tracked.state.flatMap(DossierState.init(rawValue:)), !state.isFinal {
            view["withdrawHref"] = holder.path("withdraw")
        }
        let shown = results.filter { $0.dossierCode == tracked.code }.sorted { $0.code < $1.code }
        if !shown.isEmpty {
            view["hasResults"] = true
            view["results"] = shown.map { result -> [String: Any] in
                var item: [String: Any] = [
                    "code": result.code, "filename": result.filename,
                    "href": "/me/documents/\(PageChrome.encode(result.documentId))",
                    "verifyHref": "/results/\(PageChrome.encode(result.code))/verify",
                    "issuedAt": VietnamTime.dateTime(result.issuedAt),
                ]
                if result.invalidated { item["invalidated"] = t["result_invalidated"] }
                return item
            }
        }
        return view
    }
}
