/// Why a form could not be produced.
public enum FormError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The form number is not one of "01" … "07".
    case unknownForm(String)
    /// cairo/pango failed to produce the PDF (the message names the cairo status).
    case rendering(String)
    /// libqrencode could not encode the payload (empty, or too long for a QR symbol).
    case qr(String)

    /// A human-readable description.
    public var description: String {
        switch self {
        case .unknownForm(let number): "unknown form number \"\(number)\" (expected 01 … 07)"
        case .rendering(let message): "PDF rendering failed: \(message)"
        case .qr(let message): "QR encoding failed: \(message)"
        }
    }
}
