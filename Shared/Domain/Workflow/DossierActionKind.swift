extension DossierAction {
    /// The actions by name; the raw value is the path segment of the HTTP endpoint.
    public enum Kind: String, CaseIterable, Sendable, Codable, Hashable {
        case receive
        case requestSupplement = "request-supplement"
        case refuse
        case supplement
        case transfer
        case assign
        case completeStep = "complete-step"
        case sendBack = "send-back"
        case consult
        case replyConsultation = "reply-consultation"
        case requestPayment = "request-payment"
        case confirmPayment = "confirm-payment"
        case extend
        case stop
        case approve
        case issueResult = "issue-result"
        case returnResult = "return-result"
        case withdraw

        /// The event announcing the action (before `dossier.status-changed`, if any).
        public var event: WorkflowEvent {
            switch self {
            case .receive: .received
            case .requestSupplement: .supplementRequested
            case .refuse: .refused
            case .supplement: .supplemented
            case .transfer: .transferred
            case .assign: .assigned
            case .completeStep: .stepCompleted
            case .sendBack: .sentBack
            case .consult: .consultationRequested
            case .replyConsultation: .consultationReplied
            case .requestPayment: .paymentRequested
            case .confirmPayment: .paymentConfirmed
            case .extend: .extended
            case .stop: .stopped
            case .approve: .approved
            case .issueResult: .resultIssued
            case .returnResult: .resultReturned
            case .withdraw: .withdrawn
            }
        }

        /// The form the action issues, if any.
        public var issuedForm: DossierForm? {
            switch self {
            case .receive: .receipt
            case .requestSupplement: .supplementRequest
            case .refuse: .refusal
            case .extend: .extensionNotice
            case .stop: .stopNotice
            default: nil
            }
        }
    }
}
