import Forms
import Foundation

/// A QR code as an SVG image in a `data:` URL (the pages' CSP allows `img-src data:`), drawn
/// from libqrencode's symbol with a four-module quiet zone, one path of dark runs per row.
enum QRImage {
    static func dataURL(_ text: String) throws -> String {
        let matrix = try QRMatrix.encode(text)
        let side = matrix.size + 8
        var path = ""
        for y in 0..<matrix.size {
            var x = 0
            while x < matrix.size {
                guard matrix.isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < matrix.size, matrix.isDark(x: x, y: y) { x += 1 }
                path += "M\(start + 4) \(y + 4)h\(x - start)v1h-\(x - start)z"
            }
        }
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
        return "data:image/svg+xml;base64," + Data(svg.utf8).base64EncodedString()
    }
}
