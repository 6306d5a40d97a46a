import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// The reason a failed webhook attempt leaves in the partner's delivery log: ours, short, and
/// free of what the target answered (its body or reason phrase could carry an internal service's
/// data back to whoever pointed the webhook at it).
enum DeliveryFailure {
    /// `HTTP 503 Service Unavailable`: the code with its standard phrase (none for an unknown code).
    static func status(_ code: Int) -> String {
        let phrase = HTTPResponseStatus(statusCode: code).reasonPhrase  // NIO's table, not the target's words
        return "HTTP \(code)" + (phrase.isEmpty ? "" : " " + phrase)
            + ((300..<400).contains(code) ? " (redirects are not followed)" : "")
    }

    /// What went wrong on the way: the client's own error names, one line, at most 200 characters.
    static func transport(_ error: any Error) -> String {
        let text: String
        if let client = error as? HTTPClientError {
            text = "\(client)"
        } else {
            text = String(describing: error)
        }
        let line = text.map { $0.isNewline ? " " : $0 }
        return String(String(line).prefix(200))
    }
}
