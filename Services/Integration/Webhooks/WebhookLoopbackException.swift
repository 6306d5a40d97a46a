import Foundation
import ServiceKit

/// `ONEGATE_WEBHOOK_ALLOW_LOOPBACK=1`: webhooks may go to `http` or any port on a loopback address,
/// for the receivers the tests and the benchmark run on this machine. Honoured only in the
/// profiles that run on one machine (`dev`, `test`, `bench`); in any other profile the setting
/// stops the service at start (exit 78) instead of opening a way inside.
enum WebhookLoopbackException {
    static let variable = "ONEGATE_WEBHOOK_ALLOW_LOOPBACK"
    static let profiles = ["dev", "test", "bench"]
    /// The name it had when it also let private addresses through; refused everywhere now.
    static let retiredVariable = "ONEGATE_WEBHOOK_ALLOW_PRIVATE"

    /// Whether the exception is on; a value outside its profiles is a configuration error.
    static func enabled(_ environment: ServiceEnvironment) throws(Misconfigured) -> Bool {
        if environment.string(retiredVariable, default: "").isEmpty == false {
            throw Misconfigured(message: "\(retiredVariable) is no longer read: webhooks never reach private addresses; "
                                + "for receivers on loopback in the \(profiles.joined(separator: "/")) profiles set \(variable)=1")
        }
        guard environment.string(variable, default: "0") == "1" else { return false }
        guard profiles.contains(environment.profile) else {
            throw Misconfigured(message: "\(variable)=1 is refused in profile '\(environment.profile)': only "
                                + profiles.joined(separator: ", ") + " may deliver webhooks to loopback")
        }
        return true
    }

    /// `enabled`, at start-up: a misconfiguration ends the process (exit status 78, EX_CONFIG).
    static func enabledOrExit(_ environment: ServiceEnvironment) -> Bool {
        do {
            return try enabled(environment)
        } catch {
            FileHandle.standardError.write(Data("onegate: refusing to start: \(error.message)\n".utf8))
            exit(78)
        }
    }

    struct Misconfigured: Error {
        let message: String
    }
}
