import Domain
import Foundation

/// `identity.accounts.register`: the raw JSON body of a self-registration, validated by identity.
public struct AccountRegistration: Codable, Sendable {
    public var body: JSONValue
    public init(body: JSONValue) { self.body = body }
}

/// `identity.accounts.verify` and the token half of `identity.accounts.reset-confirm`: a one-time
/// token from a mail.
public struct AccountToken: Codable, Sendable {
    public var token: String
    public init(token: String) { self.token = token }
}

/// `identity.accounts.reset-request`: the e-mail address an account is registered with.
public struct PasswordResetRequest: Codable, Sendable {
    public var email: String
    public init(email: String) { self.email = email }
}

/// `identity.accounts.reset-confirm`: the token from the reset mail and the new password.
public struct PasswordResetConfirmation: Codable, Sendable {
    public var token: String
    public var password: String
    public init(token: String, password: String) {
        self.token = token
        self.password = password
    }
}

/// The answer to a registration or a reset request: the same whether or not the address is known.
public struct AccountRequestAccepted: Codable, Sendable, Hashable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// `integration.mail`: one plain-text e-mail queued for sending (identity's account mails). Only
/// services (`system`) may call it; the gateway does not route it.
public struct MailMessage: Codable, Sendable {
    public var to: String
    public var subject: String
    public var text: String
    /// Deduplication: the same key queues one mail.
    public var key: String

    public init(to: String, subject: String, text: String, key: String) {
        self.to = to
        self.subject = subject
        self.text = text
        self.key = key
    }
}

/// `identity.accounts.profile`: what the signed-in user's account says about them, to prefill an
/// online submission's applicant section. Staff and demo users have only a name.
public struct ApplicantProfile: Codable, Sendable, Hashable {
    public var displayName: String
    /// `citizen` or `organisation` for a self-registered applicant account.
    public var applicantKind: String?
    /// The personal identification number or the tax code registered with.
    public var idNumber: String?
    public var phone: String?
    public var email: String?

    public init(displayName: String, applicantKind: String?, idNumber: String?, phone: String?, email: String?) {
        self.displayName = displayName
        self.applicantKind = applicantKind
        self.idNumber = idNumber
        self.phone = phone
        self.email = email
    }
}
