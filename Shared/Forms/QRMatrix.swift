import CQREncode
import Foundation

/// A QR code symbol (ISO/IEC 18004), encoded by libqrencode at error-correction level M in 8-bit
/// mode from the text's UTF-8 bytes, in the smallest version that holds it.
public struct QRMatrix: Sendable, Hashable {
    /// Modules per side, without the quiet zone: 21 + 4 × (version − 1).
    public let size: Int
    private let modules: [Bool]

    /// Encodes `text`; throws `FormError.qr` when it is empty, holds a NUL character, or is too long.
    public static func encode(_ text: String) throws -> QRMatrix {
        if text.isEmpty { throw FormError.qr("empty payload") }
        if text.utf8.contains(0) { throw FormError.qr("payload contains a NUL character") }
        let code = text.withCString { QRcode_encodeString($0, 0, QR_ECLEVEL_M, QR_MODE_8, 1) }
        guard let code else {
            throw FormError.qr(String(cString: strerror(errno)))
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width >= 21, let data = code.pointee.data else { throw FormError.qr("libqrencode returned no symbol") }
        var modules = [Bool](repeating: false, count: width * width)
        for i in 0..<(width * width) {
            modules[i] = data[i] & 1 == 1
        }
        return QRMatrix(size: width, modules: modules)
    }

    private init(size: Int, modules: [Bool]) {
        self.size = size
        self.modules = modules
    }

    /// Whether the module at column `x`, row `y` (0-based, from the top-left) is dark; false outside the symbol.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// Dark runs per row, as (row, first column, length), for drawing with few rectangles.
    func darkRuns() -> [(y: Int, x: Int, length: Int)] {
        var runs: [(y: Int, x: Int, length: Int)] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                if isDark(x: x, y: y) {
                    let start = x
                    while x < size, isDark(x: x, y: y) { x += 1 }
                    runs.append((y, start, x - start))
                } else {
                    x += 1
                }
            }
        }
        return runs
    }
}
