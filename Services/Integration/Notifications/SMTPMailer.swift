import CCurl
import Domain
import Foundation

/// Sends one plain-text UTF-8 email over SMTP with libcurl (`smtps://` for implicit TLS). With a
/// username or password configured, STARTTLS is required (`CURLUSESSL_ALL`): a server, or a
/// machine in between, that does not offer it gets no credentials in clear, the send fails.
/// Without credentials (a local relay, the test sink) STARTTLS is used when offered.
/// Blocking: always called through `Blocking.run`.
struct SMTPMailer: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let url: String
    let from: String
    let username: String?
    let password: String?
    let timeoutSeconds: Int

    static let initialised: Bool = { curl_global_init(3 /* CURL_GLOBAL_ALL */) == CURLE_OK }()

    func send(to recipient: String, subject: String, text: String) throws {
        _ = Self.initialised
        // The addresses were checked where they entered (ApplicantRules.isEmail); checked again here,
        // as a CR/LF reaching the envelope or the headers would add commands or headers to the message.
        guard ApplicantRules.isHeaderSafeAddress(recipient) else {
            throw Failure(description: "SMTP: refusing a recipient address with control characters or separators")
        }
        guard ApplicantRules.isHeaderSafeAddress(from) else {
            throw Failure(description: "SMTP: refusing ONEGATE_SMTP_FROM: control characters or separators in the address")
        }
        let message = Self.compose(from: from, to: recipient, subject: subject, text: text)
        guard let handle = curl_easy_init() else { throw Failure(description: "curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }
        let recipients: UnsafeMutablePointer<curl_slist>? = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        let source = MessageSource(Array(message.utf8))
        let context = Unmanaged.passRetained(source)
        defer { context.release() }
        var error = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = error.withUnsafeMutableBufferPointer { errorBuffer in
            onegate_curl_set_string(handle, CURLOPT_URL, url)
            onegate_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(from)>")
            onegate_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients)
            onegate_curl_set_long(handle, CURLOPT_USE_SSL, Int(tlsPolicy.rawValue))
            onegate_curl_set_long(handle, CURLOPT_UPLOAD, 1)
            onegate_curl_set_long(handle, CURLOPT_TIMEOUT, timeoutSeconds)
            onegate_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
            onegate_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress)
            if let username { onegate_curl_set_string(handle, CURLOPT_USERNAME, username) }
            if let password { onegate_curl_set_string(handle, CURLOPT_PASSWORD, password) }
            onegate_curl_set_read_function(handle) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                return Unmanaged<MessageSource>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: size * count)
            }
            onegate_curl_set_pointer(handle, CURLOPT_READDATA, context.toOpaque())
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw Failure(description: "SMTP: " + (detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail))
        }
    }

    /// `CURLUSESSL_ALL` when credentials would be sent, else `CURLUSESSL_TRY`.
    var tlsPolicy: curl_usessl {
        (username?.isEmpty == false || password?.isEmpty == false) ? CURLUSESSL_ALL : CURLUSESSL_TRY
    }

    /// An RFC 5322 message: UTF-8 subject as an encoded word, body in base64.
    static func compose(from: String, to: String, subject: String, text: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = Data(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let domain = from.split(separator: "@").last.map(String.init) ?? "onegate.local"
        return [
            "Date: \(formatter.string(from: date))",
            "From: \(encodedWord("Bộ phận Một cửa")) <\(from)>",
            "To: <\(to)>",
            "Subject: \(encodedWord(subject))",
            "Message-ID: <\(UUID().uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
            "",
        ].joined(separator: "\r\n")
    }

    static func encodedWord(_ text: String) -> String {
        "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }
}

/// The message bytes libcurl reads as it uploads.
final class MessageSource: @unchecked Sendable {
    // Touched only by the one thread running curl_easy_perform.
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
